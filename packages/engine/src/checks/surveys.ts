import { ONE } from "../decimal.js";
import { numberValue } from "../expression.js";
import { check, type Check } from "./check.js";

/** A satisfaction rate above 100% cannot be; it is scored as 100% and said so (PERF036). */
export const surveyChecks: Check[] = [
  check("surveys", "survey", (s, { sink }) => {
    if (s.satisfaction && numberValue(s.satisfaction).value.greaterThan(ONE))
      sink.report("PERF036", s.uri, s.satisfaction.range, { name: s.name.text, value: `${s.satisfaction.text}${s.satisfaction.percent ? "%" : ""}` });
  }),
];
