import { decimalText, sum } from "../decimal.js";
import { numberValue } from "../expression.js";
import { check, type Check } from "./check.js";
import { weightOf } from "./weights.js";

/** PERF260: the shares of element scoring (要素法) must add up to the indicator's weight. */
export const elementChecks: Check[] = [
  check("elements", "indicator", ({ decl, uri }, { sink }) => {
    for (const m of decl.methods) {
      if (m.kind !== "elements" || !m.elements.length || m.elements.some((e) => !e.share)) continue;
      const shares = sum(m.elements.map((e) => numberValue(e.share!).value));
      const weight = weightOf(decl);
      if (!decl.weight || shares.equals(weight)) continue;
      sink.within(decl.name.text, () =>
        sink.report("PERF260", uri, m.range, { name: decl.title?.value ?? decl.name.text, weight: decimalText(weight), sum: decimalText(shares) }, { sum: decimalText(shares) }),
      );
    }
  }),
];
