import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";

const root = join(import.meta.dirname, "..", "..", "..");
const example = join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf");
const bin = join(root, "packages", "cli", "dist", "main.js");
const tmp = () => mkdtempSync(join(tmpdir(), "perf-init-import-"));

/** A one-entry zip (deflate, CRC left 0: the reader refuses before it would check it). */
function zipOne(name: string, data: Uint8Array): Buffer {
  const packed = deflateRawSync(data, { level: 9 });
  const fname = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fname.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fname.length, 28);
  const cdOffset = local.length + fname.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fname.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, fname, packed, central, fname, end]);
}

interface Node {
  name: string;
  declared: string | null;
  children: Node[];
}

describe("perf init", () => {
  it("creates an evaluation that passes check at once and scores once its facts are filled in", async () => {
    const dir = tmp();
    const r = await perf(["init", "评价", "--type", "部门评价", "--yes"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("已创建 评价/评价.perf（部门评价，项目支出）");
    expect(r.stdout).toContain("perf check 评价");
    const file = join(dir, "评价", "评价.perf");
    const text = readFileSync(file, "utf8");
    expect(text).toContain("产出、效益指标权重合计不低于 60%（本模板 30 + 30 = 60）");
    expect(existsSync(join(dir, "评价", "README.md"))).toBe(true);
    expect((await perf(["check", "--strict", "评价"], dir)).code).toBe(0);
    expect((await perf(["fmt", "--check", "评价"], dir)).code).toBe(0);
    // the header names the type, so perf checks its policy: 10 points moved from 产出 to 决策 warn (产出 + 效益 = 50%)
    expect(text).toContain('评价类型 "部门评价，项目支出"');
    const moved = text.replace('指标 决策 "决策" 分值 20 {', '指标 决策 "决策" 分值 30 {').replace('指标 产出 "产出" 分值 30 {', '指标 产出 "产出" 分值 20 {');
    expect(moved).not.toBe(text);
    writeFileSync(file, moved);
    const policy = await perf(["check", "--format", "json", "评价"], dir);
    expect(JSON.parse(policy.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain("PERF267");

    // fill in the facts: 到位 90 of 100, spent 85.5, 4 of 5 planned outputs, satisfaction 92.5%
    const filled = text
      .replace(/(数据 到位资金\s*=) 100 万元/, "$1 90 万元")
      .replace(/(数据 实际支出\s*=) 100 万元/, "$1 85.5 万元")
      .replace(/(数据 计划完成数量\s*=) 1 项/, "$1 5 项")
      .replace(/(数据 (?:实际完成|质量达标|按期完成)数量\s*=) 1 项/g, "$1 4 项")
      .replace("满意度 100%", "满意度 92.5%");
    writeFileSync(file, filled);
    const s = await perf(["score", "评价/评价.perf"], dir);
    expect(s.code).toBe(0);
    // 100 − 4×10% (资金到位率) − 4×5% (预算执行率) − 9×20% (实际完成率) − 10×7.5% (满意度)
    expect(s.stdout).toContain("合计 96.85 · 等级 优");
  });

  it("writes a file that passes check --strict and fmt --check for every type and scope, by Chinese or English name", async () => {
    const dir = tmp();
    const combos = [
      ["财政评价", "项目支出"],
      ["fiscal", "department"],
      ["department", "部门整体"],
      ["单位自评", "project"],
      ["self", "部门整体"],
    ];
    for (const [type, scope] of combos) {
      const r = await perf(["init", `${type}-${scope}`, "--type", type!, "--scope", scope!, "--name", `测试"${type}"`, "--yes"], dir);
      expect(r.code, r.stderr).toBe(0);
    }
    const check = await perf(["check", "--strict", "."], dir);
    expect(check.stdout + check.stderr).toBe("");
    expect(check.code).toBe(0);
    expect((await perf(["fmt", "--check", "."], dir)).code).toBe(0);
    const self = readFileSync(join(dir, "单位自评-project", "单位自评-project.perf"), "utf8");
    expect(self).toContain("预算执行率 10%、产出指标 50%、效益指标 30%、服务对象满意度 10%（本模板 10 / 50 / 30 / 10）");
    expect(self).toContain('评价 "测试\\"单位自评\\""');
    const fiscal = readFileSync(join(dir, "fiscal-department", "fiscal-department.perf"), "utf8");
    expect(fiscal).toContain("部门整体支出绩效评价（财政评价，部门整体）");
  });

  it("never overwrites without --force, and does not prompt when stdin is not a terminal", async () => {
    const dir = tmp();
    // no --yes, stdin a pipe (not a terminal): no prompt, flags and defaults are used
    const { CI: _ci, ...env } = process.env;
    const spawned = spawnSync(process.execPath, [bin, "init", "x"], { cwd: dir, input: "", encoding: "utf8", timeout: 20_000, env });
    expect(spawned.status, spawned.stderr).toBe(0);
    expect(spawned.stdout).toContain("（部门评价，项目支出）");
    writeFileSync(join(dir, "x", "x.perf"), "keep me");
    const again = await perf(["init", "x", "--yes"], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("x/x.perf, x/README.md 已存在；加 --force 覆盖");
    expect(readFileSync(join(dir, "x", "x.perf"), "utf8")).toBe("keep me");
    expect((await perf(["init", "x", "--yes", "--force"], dir)).code).toBe(0);
    expect(readFileSync(join(dir, "x", "x.perf"), "utf8")).toContain("财预〔2020〕10号");
  });

  it("rejects an unknown type or scope in the chosen language", async () => {
    const dir = tmp();
    const r = await perf(["init", "x", "--type", "审计", "--yes", "--lang", "en"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("perf: error: unknown evaluation type 审计; choose fiscal, department or self (财政评价 部门评价 单位自评)\n");
    expect((await perf(["init", "x", "--scope", "全部", "--yes"], dir)).stderr).toContain("未知的评价范围 全部");
    expect(existsSync(join(dir, "x"))).toBe(false);
  });
});

async function scoreJson(file: string, cwd: string) {
  const r = await perf(["score", "--json", file], cwd);
  const result = JSON.parse(r.stdout) as { indicators: Node[]; total: { score: string; declared: string | null }; grade: { name: string } };
  const nodes: Node[] = [];
  const walk = (n: Node) => (nodes.push(n), n.children.forEach(walk));
  result.indicators.forEach(walk);
  return { code: r.code, result, nodes };
}

describe("perf import", () => {
  for (const format of ["xlsx", "docx"]) {
    it(`round trip: the 永州 example rendered to ${format} and imported scores 82.46 良 with every node declared`, async () => {
      const dir = tmp();
      expect((await perf(["render", example, "--format", format, "-o", `yz.${format}`], dir)).code).toBe(0);
      const r = await perf(["import", `yz.${format}`], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("导入 42 个指标（27 个末级指标），43 个报告得分；0 处未能导入");
      expect(r.stderr).toContain("已写入 yz.perf");
      expect(r.stderr).not.toContain("警告");
      const s = await perf(["score", "yz.perf"], dir);
      expect(s.code).toBe(0);
      expect(s.stdout).toContain("合计 82.46 · 等级 良");
      const { result, nodes } = await scoreJson("yz.perf", dir);
      expect(nodes).toHaveLength(42);
      expect(nodes.filter((n) => n.declared === null).map((n) => n.name)).toEqual([]);
      expect(result.total.declared).toBe("82.46");
      expect((await perf(["check", "--strict", "yz.perf"], dir)).code).toBe(0);
      expect((await perf(["fmt", "--check", "yz.perf"], dir)).code).toBe(0);
      // 1–1.4 s with the whole suite on two cores, 2–13 s with three busy loops besides
    }, 120_000);
  }

  it("reads English headers too: the example rendered with --lang en round-trips", async () => {
    const dir = tmp();
    expect((await perf(["render", example, "--format", "xlsx", "--lang", "en", "-o", "en.xlsx"], dir)).code).toBe(0);
    const r = await perf(["import", "en.xlsx", "--lang", "en"], dir);
    expect(r.stderr).toContain("imported 42 indicators (27 leaves) from Appendix 1");
    expect(r.stderr).toContain("with 43 declared scores; 0 cell(s) not mapped");
    expect((await perf(["score", "en.perf"], dir)).stdout).toContain("合计 82.46 · 等级 良");
  });

  it("never overwrites without --force; -o names the output", async () => {
    const dir = tmp();
    await perf(["render", example, "--format", "xlsx", "-o", "yz.xlsx"], dir);
    writeFileSync(join(dir, "out.perf"), "keep me");
    const r = await perf(["import", "yz.xlsx", "-o", "out.perf"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("perf: 错误: out.perf 已存在；加 --force 覆盖\n");
    expect(readFileSync(join(dir, "out.perf"), "utf8")).toBe("keep me");
    expect((await perf(["import", "yz.xlsx", "-o", "out.perf", "--force"], dir)).code).toBe(0);
    expect(readFileSync(join(dir, "out.perf"), "utf8")).toContain("declared 82.46");
  });

  it("writes only to regular files or new paths: no FIFO, no symlink, never over its input", async () => {
    const dir = tmp();
    await perf(["render", example, "--format", "xlsx", "-o", "yz.xlsx"], dir);
    execFileSync("mkfifo", [join(dir, "pipe.perf")]);
    const fifo = await perf(["import", "yz.xlsx", "-o", "pipe.perf", "--force"], dir);
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toContain("PERF113");
    expect(lstatSync(join(dir, "pipe.perf")).isFIFO()).toBe(true);
    writeFileSync(join(dir, "real.perf"), "keep me");
    symlinkSync("real.perf", join(dir, "link.perf"));
    const link = await perf(["import", "yz.xlsx", "-o", "link.perf", "--force"], dir);
    expect(link.code).toBe(1);
    expect(link.stderr).toContain("PERF115");
    expect(lstatSync(join(dir, "link.perf")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real.perf"), "utf8")).toBe("keep me");
    const self = await perf(["import", "yz.xlsx", "-o", "yz.xlsx", "--force"], dir);
    expect(self.code).toBe(1);
    expect(self.stderr).toContain("PERF114");
    const asInput = await perf(["import", "pipe.perf"], dir);
    expect(asInput.code).toBe(1);
    expect(asInput.stderr).toContain("PERF111");
    mkdirSync(join(dir, "x"));
    symlinkSync("../real.perf", join(dir, "x", "x.perf"));
    const init = await perf(["init", "x", "--yes", "--force"], dir);
    expect(init.code).toBe(1);
    expect(init.stderr).toContain("PERF115");
    expect(readFileSync(join(dir, "real.perf"), "utf8")).toBe("keep me");
  });

  it("refuses hostile files with a message and exit 1, never a stack trace, and writes nothing", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "fake.xlsx"), "一级指标,分值\n决策,10\n");
    writeFileSync(join(dir, "bomb.docx"), zipOne("word/document.xml", new Uint8Array(64 * 1024 * 1024)));
    const fake = await perf(["import", "fake.xlsx"], dir);
    expect(fake.code).toBe(1);
    expect(fake.stderr).toBe("perf: 错误: fake.xlsx: 不是 .xlsx 或 .docx 文件（不是 zip 压缩包），已拒绝\n");
    const bomb = await perf(["import", "bomb.docx", "--lang", "en"], dir);
    expect(bomb.code).toBe(1);
    expect(bomb.stderr).toMatch(/^perf: error: bomb\.docx: too large or too many entries once unzipped \(word\/document\.xml: 64 MB\), likely a zip bomb; refused\n$/);
    writeFileSync(join(dir, "huge.xlsx"), new Uint8Array(21_000_000));
    const huge = await perf(["import", "huge.xlsx"], dir);
    expect(huge.code).toBe(1);
    expect(huge.stderr).toBe("perf: 错误: huge.xlsx: 文件过大（20.03 MB，上限 20 MB），已拒绝\n");
    const missing = await perf(["import", "nope.xlsx"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("无法读取 nope.xlsx");
    expect(existsSync(join(dir, "fake.perf")) || existsSync(join(dir, "bomb.perf"))).toBe(false);
  });
});
