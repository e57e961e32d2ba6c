#!/usr/bin/env node
// Scaling of parse + analyze with the number of leaves: prints time and heap per size and the
// ratio to the smallest size, so a super-linear step shows as a growing ratio per leaf.
// Run with `pnpm bench` (after a build). Numbers are for comparison between runs, not assertions.
import { analyze } from "../dist/index.js";
import { parse } from "@perf/language";

function generate(leaves) {
  const perBranch = 10;
  const branches = Math.ceil(leaves / perBranch);
  const lines = ['evaluation "bench" {', `  total ${branches * perBranch}`, "}", "fact 计划 = 5 个", "fact 实际 = 3 个"];
  const findings = [];
  for (let b = 0; b < branches; b++) {
    lines.push(`indicator 分支${b} "分支 ${b}" weight ${perBranch} {`);
    for (let l = 0; l < perBranch; l++) {
      const id = `叶${b}_${l}`;
      const rule = [`score 1`, `deduct 0.5 "理由"`, `ratio 实际 / 计划`, `per finding deduct 0.2`][l % 4];
      lines.push(`  indicator ${id} weight 1 {`, `    explain "说明文字说明文字"`, `    ${rule}`, "  }");
      if (l % 4 === 3) findings.push(`finding 问题${b}_${l} on ${id} { unit "单位名称" type "管理不规范" }`);
    }
    lines.push("}");
  }
  return [...lines, ...findings].join("\n");
}

function measure(fn, rounds) {
  fn(); // warm-up
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const sizes = [100, 1000, 10000];
const rows = [];
for (const n of sizes) {
  const text = generate(n);
  const parseMs = measure(() => parse(text, "bench.perf"), n >= 10000 ? 5 : 20);
  const analyzeMs = measure(() => analyze([{ uri: "bench.perf", text }]), n >= 10000 ? 5 : 20);
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const keep = analyze([{ uri: "bench.perf", text }]);
  const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  if (keep.result.summary.leaves !== n || keep.result.summary.errors) throw new Error(`expected ${n} leaves and no error, got ${JSON.stringify(keep.result.summary)}`);
  rows.push({ leaves: n, kb: Math.round(text.length / 1024), parseMs, analyzeMs, heapMb });
}
const base = rows[0];
console.log("leaves   size(KB)  parse(ms)  analyze(ms)  µs/leaf  ×base per leaf  heap(MB)");
for (const r of rows) {
  const perLeaf = (r.analyzeMs * 1000) / r.leaves;
  const basePerLeaf = (base.analyzeMs * 1000) / base.leaves;
  console.log(
    `${String(r.leaves).padStart(6)}  ${String(r.kb).padStart(8)}  ${r.parseMs.toFixed(1).padStart(9)}  ${r.analyzeMs.toFixed(1).padStart(11)}  ${perLeaf.toFixed(1).padStart(7)}  ${(perLeaf / basePerLeaf).toFixed(2).padStart(14)}  ${r.heapMb.toFixed(1).padStart(8)}`,
  );
}
