import { run, type CliIO } from "../src/index.js";

/** Runs `perf` in-process with captured output, as a user would from `cwd`. */
export async function perf(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false, env };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
