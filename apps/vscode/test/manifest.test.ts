import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// issue 11 item 5, decision 0185: the project has no public address yet, so the manifest names none
const manifest = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8"));

describe("the extension's manifest", () => {
  it("names no address that does not exist (repository, homepage, bugs)", () => {
    const urls = JSON.stringify([manifest.repository, manifest.homepage, manifest.bugs]);
    expect(urls).not.toMatch(/example\.(invalid|com|org)|localhost|TODO/i);
    for (const field of ["repository", "homepage", "bugs"]) {
      const value = manifest[field];
      if (value === undefined) continue;
      expect(String(typeof value === "string" ? value : value.url), field).toMatch(/^https:\/\//);
    }
  });

  it("packages without a repository without asking (vsce otherwise waits for a yes on stdin)", () => {
    if (manifest.repository === undefined) expect(manifest.scripts.package).toContain("--allow-missing-repository");
    expect(manifest.license).toBe("MIT");
  });
});
