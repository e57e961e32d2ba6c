import { makeDiagnostic, type Diagnostic, type Locale } from "@perf/language";
import type { FileProblem } from "./file-system.js";

const what: Record<string, readonly [string, string]> = {
  fifo: ["命名管道（FIFO）", "a FIFO"],
  device: ["设备文件", "a device"],
  socket: ["套接字", "a socket"],
  directory: ["目录", "a directory"],
  other: ["特殊文件", "a special file"],
};

export function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 3 : 1)} MiB`;
}

function fileName(uri: string): string {
  const tail = uri.slice(uri.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
}

const atStart = { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 0, offset: 0 } };

/** The one diagnostic that stands for a file the server does not analyze (PERF126–129); none when it is simply gone. */
export function problemDiagnostic(problem: FileProblem, uri: string, locale: Locale): Diagnostic | undefined {
  const options = { locale };
  switch (problem.kind) {
    case "missing":
      return undefined;
    case "too-large":
      return makeDiagnostic("PERF126", uri, atStart, { size: mebibytes(problem.size), limit: mebibytes(problem.limit) }, options);
    case "not-utf8":
      return { ...problem.refusal, uri };
    case "not-regular": {
      const [reasonZh, reasonEn] = what[problem.what]!;
      return makeDiagnostic("PERF127", uri, atStart, { name: fileName(uri), reasonZh: `它是${reasonZh}`, reasonEn: `it is ${reasonEn}` }, options);
    }
    case "unreadable":
      return makeDiagnostic("PERF127", uri, atStart, { name: fileName(uri), reasonZh: `系统错误 ${problem.detail}`, reasonEn: `system error ${problem.detail}` }, options);
    case "analysis-failed":
      return makeDiagnostic("PERF129", uri, atStart, { detail: problem.detail }, options);
  }
}
