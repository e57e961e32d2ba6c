import type { EvaluationResult, IndicatorResult } from "@perf/engine";
import { RenderOptionError } from "./errors.js";
import type { RenderLocale } from "./labels.js";

/**
 * A regrouping of the 得分情况表: `项目绩效=项目产出,社会效益,服务对象满意度` shows the root
 * 项目产出 and the branches 社会效益 and 服务对象满意度 as rows of one block 项目绩效 (seed 000
 * 表3-1). Members are level-1 or level-2 indicators (id or name). Roots not mentioned keep
 * their own block; a root must be grouped whole or branch by branch, never half.
 */
export interface Grouping {
  name: string;
  members: string[];
}

export function parseGrouping(spec: string, locale: RenderLocale = "zh"): Grouping {
  const eq = spec.indexOf("=");
  const name = spec.slice(0, eq).trim();
  const members = spec
    .slice(eq + 1)
    .split(/[,，、]/)
    .map((m) => m.trim())
    .filter(Boolean);
  if (eq <= 0 || !name || members.length === 0) throw new RenderOptionError("errGroupSyntax", { spec }, locale);
  return { name, members };
}

export interface SummaryBlock {
  label: string;
  /** Rows of the block: roots (shown whole) or branches. */
  members: IndicatorResult[];
  grouped: boolean;
}

/** The blocks of the 得分情况表 in root order, each group placed where its first member's root was. */
export function summaryBlocks(result: EvaluationResult, groups: Grouping[], locale: RenderLocale): SummaryBlock[] {
  const byKey = new Map<string, IndicatorResult>();
  for (const root of result.indicators) {
    for (const n of [root, ...root.children]) {
      if (!byKey.has(n.id)) byKey.set(n.id, n);
      if (!byKey.has(n.name)) byKey.set(n.name, n);
    }
  }
  const rootOf = (n: IndicatorResult) => result.indicators.find((r) => r === n || r.children.includes(n))!;
  const used = new Map<IndicatorResult, Grouping>();
  const resolved = groups.map((g) => ({
    g,
    members: g.members.map((m) => {
      const n = byKey.get(m);
      if (!n) throw new RenderOptionError("errUnknownMember", { group: g.name, member: m }, locale);
      const root = rootOf(n);
      if (used.has(n) || (n !== root && used.has(root)) || (n === root && n.children.some((c) => used.has(c))))
        throw new RenderOptionError("errDuplicateMember", { member: m }, locale);
      used.set(n, g);
      return n;
    }),
  }));
  for (const root of result.indicators) {
    if (used.has(root)) continue;
    const grouped = root.children.filter((c) => used.has(c));
    if (grouped.length > 0 && grouped.length < root.children.length)
      throw new RenderOptionError(
        "errPartialRoot",
        { root: root.name, rest: root.children.filter((c) => !used.has(c)).map((c) => c.name).join("、") },
        locale,
      );
  }
  const blocks: SummaryBlock[] = [];
  const emitted = new Set<Grouping>();
  for (const root of result.indicators) {
    const g = used.get(root) ?? root.children.map((c) => used.get(c)).find(Boolean);
    if (!g) {
      blocks.push({ label: root.name, members: root.children.length ? root.children : [root], grouped: false });
    } else if (!emitted.has(g)) {
      emitted.add(g);
      blocks.push({ label: g.name, members: resolved.find((r) => r.g === g)!.members, grouped: true });
    }
  }
  return blocks;
}
