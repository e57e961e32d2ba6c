import { PerfPeerChecker } from "@perf/peer-langium";
import { check } from "./core.js";
import type { Figure } from "./figures.js";
import type { GeneratedDocument } from "./generate.js";
import { interleaved } from "./measure.js";

/**
 * The Langium peer's parse + link + validate against our full check of the same text. The
 * peer reads the generated .perf verbatim; its services are built once, outside the timing.
 */
export async function peerFigure(doc: GeneratedDocument, rounds: number, { warmup = 1, checker = new PerfPeerChecker() } = {}): Promise<Figure> {
  const result = await checker.check(doc.perf);
  if (result.errors !== 0) throw new Error(`the peer finds ${result.errors} errors in the ${doc.leaves}-leaf document: ${result.messages.join("; ")}`);
  const times = await interleaved({ ours: () => check(doc.perf), peer: () => checker.check(doc.perf) }, rounds, warmup);
  return {
    id: `peer-vs-ours-${doc.leaves}`,
    label: `Langium peer (parse+link+validate) ÷ our check, ${doc.leaves} leaves`,
    value: times.peer.median / times.ours.median,
   
    unit: "×",
    target: { op: ">=", limit: 2 },
    better: "higher",
    stats: times.peer,
    clock: "CPU",
    detail: `ours ${times.ours.median.toFixed(0)} ms`,
  };
}
