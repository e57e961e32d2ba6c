import { runPipeline, type Failure } from "./pipeline.js";

/** What identifies a failure across inputs: kind, stage and the message without numbers. */
export function signature(f: Failure): string {
  return `${f.kind} in ${f.stage}: ${f.message.split("\n")[0]!.replace(/\d+/g, "N").slice(0, 160)}`;
}

/**
 * Delta debugging: removes ever smaller chunks — of lines first, then of characters — while
 * the failure keeps its signature. Each try runs the pipeline only up to the failing stage.
 * Stops after `seconds`, returning the smallest text found so far.
 */
export async function minimise(text: string, failure: Failure, seconds = 300, progress: (s: string) => void = () => {}): Promise<string> {
  const want = signature(failure);
  const deadline = Date.now() + seconds * 1000;
  const still = async (t: string) => {
    const f = await runPipeline(t, { binary: true, stopAfter: failure.stage });
    return f !== null && signature(f) === want;
  };
  for (const unit of ["line", "character"] as const) {
    let parts = unit === "line" ? text.split(/(?<=\n)/) : [...text];
    let chunk = Math.max(1, Math.floor(parts.length / 2));
    while (Date.now() < deadline) {
      let progressed = false;
      for (let at = 0; at < parts.length && Date.now() < deadline; ) {
        const candidate = [...parts.slice(0, at), ...parts.slice(at + chunk)];
        if (await still(candidate.join(""))) {
          parts = candidate;
          progressed = true;
        } else at += chunk;
      }
      text = parts.join("");
      progress(`${unit}s of ${chunk}: ${text.length} characters`);
      if (!progressed && chunk === 1) break;
      if (!progressed) chunk = Math.max(1, Math.floor(chunk / 2));
    }
  }
  return text;
}
