import { describe, expect, it } from "vitest";
import { ClassKeeper } from "../src/class-keeper.js";
import { analyze } from "../src/index.js";
import { generate } from "../../../bench/src/generate.js";

describe("ClassKeeper", () => {
  it("keeps the first object and drops only what that one refers to", () => {
    const keeper = new ClassKeeper<{ kind: string; model: object | undefined; count: number; name: string | undefined }>();
    const first = { kind: "k", model: { big: true } as object | undefined, count: 3, name: "a" as string | undefined };
    const second = { kind: "k", model: { big: true } as object | undefined, count: 4, name: "b" as string | undefined };
    // while in use, the first is whole; the second is never kept
    expect(keeper.use(first, (v) => v.model)).toEqual({ big: true });
    expect(keeper.use(second, (v) => v.count)).toBe(4);
    expect(second.model).toEqual({ big: true });
    // the object (and so its class) stays; the analysis it pointed at, and its texts, do not
    expect(first).toEqual({ kind: "k", model: undefined, count: 3, name: undefined });
  });

  it("drops the kept object's references when its use throws", () => {
    const keeper = new ClassKeeper<{ model: object | undefined }>();
    const first = { model: {} as object | undefined };
    expect(() => keeper.use(first, () => { throw new Error("checker failed"); })).toThrow("checker failed");
    expect(first.model).toBeUndefined();
  });

  it("leaves the analyses it kept a context of whole", () => {
    // the first analysis of this process is the one whose walk state and check context are kept
    const text = generate({ leaves: 60 }).perf;
    const first = analyze([{ uri: "a.perf", text }]);
    const before = JSON.stringify(first.result);
    const second = analyze([{ uri: "a.perf", text }]);
    expect(JSON.stringify(first.result)).toBe(before);
    expect(JSON.stringify(second.result)).toBe(before);
    expect(first.result.total.score).not.toBeNull();
  });
});
