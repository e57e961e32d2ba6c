import { runPipeline, type Failure } from "./pipeline.js";

/** What identifies a failure across inputs: kind, stage and the message without numbers. */
export function signature(f: Failure): string {
  return `${f.kind} in ${f.stage}: ${f.message.split("\n")[0]!.replace(/\d+/g, "N").slice(0, 160)}`;
}

/**
 * Delta debugging: removes ever smaller chunks of the text while the failure keeps its
 * signature. Good enough to turn a fuzzed input into a regression case of a few lines.
 */
export async function minimise(text: string, failure: Failure, budget = 2000): Promise<string> {
  const want = signature(failure);
  const still = async (t: string) => {
    const f = await runPipeline(t);
    return f !== null && signature(f) === want;
  };
  let chunk = Math.max(1, Math.floor(text.length / 2));
  while (chunk >= 1 && budget > 0) {
    let progressed = false;
    for (let at = 0; at < text.length && budget > 0; ) {
      const candidate = text.slice(0, at) + text.slice(at + chunk);
      budget--;
      if (await still(candidate)) {
        text = candidate;
        progressed = true;
      } else at += chunk;
    }
    if (!progressed) chunk = Math.floor(chunk / 2);
  }
  return text;
}
