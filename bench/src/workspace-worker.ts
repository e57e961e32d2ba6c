// A worker of the workspace benchmark: takes the next file index from a shared counter and
// runs the public pipeline (parse + analyze) on it until the list is exhausted.
import { parentPort, workerData } from "node:worker_threads";
import { analyze } from "@perf/engine";

interface Data {
  texts: string[];
  warmup: string[];
  counter: Int32Array;
}

const { texts, warmup, counter } = workerData as Data;
for (const text of warmup) analyze([{ uri: "warmup.perf", text }]);
parentPort!.postMessage({ ready: true });
parentPort!.on("message", () => {
  let files = 0;
  let errors = 0;
  for (let i = Atomics.add(counter, 0, 1); i < texts.length; i = Atomics.add(counter, 0, 1)) {
    errors += analyze([{ uri: `file-${i}.perf`, text: texts[i] }]).result.summary.errors;
    files++;
  }
  parentPort!.postMessage({ files, errors });
});
