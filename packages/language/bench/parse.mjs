#!/usr/bin/env node
// Parse time of a realistic 10 000-leaf document (three levels, report-length Chinese texts,
// every scoring method, findings), next to JSON.parse of a JSON twin of the same data.
// `node --expose-gc bench/parse.mjs [leaves] [rounds]` after a build. `--ast-hash` prints a
// hash of the parse result instead, to compare two builds of the parser; `--print` the document.
import { createHash } from "node:crypto";
import { parse } from "../dist/index.js";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const leaves = Number(args[0] ?? 10_000);
const rounds = Number(args[1] ?? 7);

const sentence = "本项目资金到位及时，预算执行率较高，资金使用符合相关管理办法的规定，但部分支出凭证附件不全，";
const text = (n) => sentence.repeat(n).slice(0, 40 * n);

function generate(total) {
  const roots = 10;
  const perBranch = 20;
  const branches = Math.ceil(total / perBranch / roots);
  const out = ['evaluation "基准测试" {', "  period 2023", '  client "某市财政局"', `  total ${roots * branches * perBranch}`, "  grades { 优 >= 90%; 差 >= 0 }", "}"];
  const data = { title: "基准测试", facts: [], indicators: [], findings: [] };
  out.push("fact 计划 = 5412.69 万元", "fact 实际 = 5191.10 万元", 'survey 问卷 "满意度调查" { satisfaction 92.5% respondents 300 }');
  data.facts.push({ name: "计划", value: "5412.69", unit: "万元" }, { name: "实际", value: "5191.10", unit: "万元" });
  const findings = [];
  let leaf = 0;
  for (let r = 0; r < roots; r++) {
    out.push(`indicator 一级${r} "一级指标 ${r}" weight ${branches * perBranch} {`);
    const root = { name: `一级${r}`, weight: branches * perBranch, children: [] };
    for (let b = 0; b < branches; b++) {
      out.push(`  indicator 二级${r}_${b} "二级指标 ${b}" weight ${perBranch} {`);
      const branch = { name: `二级${r}_${b}`, weight: perBranch, children: [] };
      for (let l = 0; l < perBranch; l++, leaf++) {
        const id = `叶${r}_${b}_${l}`;
        const method = [
          "score 1",
          'deduct 0.2 "凭证不全"',
          "ratio 实际 / 计划",
          "per finding deduct 0.25 max 1",
          "bands 实际 / 计划 * 100 { >= 95: 1; >= 80: 0.5; else: 0 }",
          "satisfaction mean(问卷)",
        ][leaf % 6];
        const [explain, criteria, note] = [text(4), text(6), text(8)];
        out.push(`    indicator ${id} "三级指标 ${leaf}" weight 1 {`, `      explain "${explain}"`, `      criteria "${criteria}"`, `      note "${note}"`, `      ${method}`, "    }");
        branch.children.push({ name: id, title: `三级指标 ${leaf}`, weight: 1, explain, criteria, note, method });
        if (leaf % 6 === 3) {
          findings.push(`finding 问题${leaf} on ${id} { unit "某单位" type "管理不规范" description "${text(3)}" }`);
          data.findings.push({ name: `问题${leaf}`, on: id, unit: "某单位", type: "管理不规范", description: text(3) });
        }
      }
      out.push("  }");
      root.children.push(branch);
    }
    out.push("}");
    data.indicators.push(root);
  }
  return { perf: [...out, ...findings].join("\n") + "\n", json: JSON.stringify(data) };
}

/** Wall time, and CPU time of the process (steadier on a shared machine). */
function measure(fn) {
  for (let i = 0; i < 2; i++) fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < rounds; i++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const stats = (xs) => {
    xs.sort((a, b) => a - b);
    return { median: xs[Math.floor(xs.length / 2)], min: xs[0], max: xs[xs.length - 1] };
  };
  return { ...stats(wall), cpu: stats(cpu) };
}

globalThis.gc?.();
const baseline = process.memoryUsage().heapUsed;
const { perf, json } = generate(leaves);
if (process.argv.includes("--print")) {
  process.stdout.write(perf);
  process.exit(0);
}
if (process.argv.includes("--ast-hash")) {
  const r = parse(perf, "bench.perf");
  console.log(createHash("sha256").update(JSON.stringify(r)).digest("hex"), r.diagnostics.length);
  process.exit(0);
}
const first = parse(perf, "bench.perf").diagnostics;
if (first.length) throw new Error(`the generated document has diagnostics: ${first[0].message}`);
const p = measure(() => parse(perf, "bench.perf"));
const j = measure(() => JSON.parse(json));
globalThis.gc?.();
const before = process.memoryUsage().heapUsed;
let kept = parse(perf, "bench.perf");
globalThis.gc?.();
const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
kept = undefined;
globalThis.gc?.();
// what stays reachable once the caller has dropped the AST (the source text and JSON twin excluded)
const retainedMb = (process.memoryUsage().heapUsed - baseline - (perf.length + json.length) * 2) / 1024 / 1024;
const f = (m) => `median ${m.median.toFixed(1)} ms (min ${m.min.toFixed(1)}, max ${m.max.toFixed(1)}); CPU median ${m.cpu.median.toFixed(1)} ms (min ${m.cpu.min.toFixed(1)})`;
console.log(`${leaves} leaves, ${(perf.length / 1024 / 1024).toFixed(1)} M characters`);
console.log(`parse       ${f(p)}`);
console.log(`JSON.parse  ${f(j)}`);
console.log(`ratio       ${(p.median / j.median).toFixed(1)}× wall, ${(p.cpu.median / j.cpu.median).toFixed(1)}× CPU`);
console.log(`AST heap    ${heapMb.toFixed(1)} MB (after gc)`);
console.log(`retained    ${retainedMb.toFixed(1)} MB after the AST is dropped (parser state, caches)`);
