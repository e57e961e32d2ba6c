import { Decimal } from "@perf/engine";
import type { Chart, Table } from "../model.js";

const titles = { zh: "{title}：分值与得分", en: "{title}: weight and score" };
const series = { zh: ["分值", "得分"], en: ["Weight", "Score"] };

/**
 * The chart of one root's table (表N：…指标分析): per 二级 indicator (the first column's merged
 * block) its weight and score, summed exactly from the table's leaf rows. Null for a table
 * without leaf rows.
 */
export function rootChart(t: Table, locale: "zh" | "en"): Chart | null {
  const weight = t.columns.findIndex((c) => c.key === "weight");
  const score = t.columns.findIndex((c) => c.key === "score");
  if (t.name !== "roots" || weight < 0 || score < 0) return null;
  const blocks = new Map<number, { name: string; weight: Decimal; score: Decimal }>();
  t.rows.forEach((r, i) => {
    if (r.kind !== "data") return;
    const first = r.cells[0]!;
    const at = first.covered && first.anchor ? first.anchor[0] : i;
    const b = blocks.get(at) ?? { name: first.text, weight: new Decimal(0), score: new Decimal(0) };
    b.weight = b.weight.plus(r.cells[weight]!.value ?? 0);
    b.score = b.score.plus(r.cells[score]!.value ?? 0);
    blocks.set(at, b);
  });
  if (blocks.size === 0) return null;
  const bs = [...blocks.values()];
  return {
    id: "roots",
    title: titles[locale].replace("{title}", t.title),
    unit: "points",
    categories: bs.map((b) => b.name),
    series: [
      { name: series[locale][0]!, values: bs.map((b) => b.weight.toFixed()) },
      { name: series[locale][1]!, values: bs.map((b) => b.score.toFixed()) },
    ],
  };
}
