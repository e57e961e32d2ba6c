import { byStart, makeDiagnostic, type Diagnostic, type DiagnosticFactoryOptions, type IndicatorDecl, type PerfFile, type StringValue } from "@perf/language";

/**
 * Which `evidence "…"` paths may become links: only a relative path that stays inside the
 * folder it may reach (the evaluation's folder, or the workspace folder above it). Anything
 * else — absolute, drive-letter, UNC (`//host/share`, `\\host\share`: a click on Windows
 * authenticates to that host over SMB), `..` climbing out, URL schemes, control characters,
 * Windows device names — is refused with a reason. Pure: no file system, no platform.
 */

export type EvidencePathReason = "empty" | "control" | "url" | "unc" | "absolute" | "drive" | "escapes" | "device";

export type EvidencePathVerdict =
  | {
      ok: true;
      /** Normalised segments relative to the document's folder, after `.` and `..` are applied. */
      segments: string[];
      /** How many folders the path climbs above the document's folder (at most `maxUp`). */
      up: number;
    }
  | { ok: false; reason: EvidencePathReason };

export interface EvidencePathOptions {
  /**
   * How many folders above the document's own folder the path may climb: the depth of the
   * document below the workspace folder that holds it; 0 keeps the path in the document's folder.
   */
  maxUp?: number;
}

/** Words for each reason, for the PERF125 diagnostic: [zh, en]. */
export const evidencePathReasonText: Record<EvidencePathReason, readonly [string, string]> = {
  empty: ["路径为空", "the path is empty"],
  control: ["含有控制字符", "it holds a control character"],
  url: ["是网址或带协议的地址", "it is a URL"],
  unc: ["是网络共享路径", "it is a network (UNC) path"],
  absolute: ["是绝对路径", "it is an absolute path"],
  drive: ["带有盘符", "it names a drive"],
  escapes: ["用 '..' 跳出了评价文件夹", "'..' leads out of the evaluation's folder"],
  device: ["是 Windows 设备名", "it is a Windows device name"],
};

/** CON, NUL, COM1 … opened by name on Windows whatever the folder or extension. */
const windowsDevice = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

export function classifyEvidencePath(path: string, options: EvidencePathOptions = {}): EvidencePathVerdict {
  const maxUp = Math.max(0, Math.floor(options.maxUp ?? 0));
  if (path.trim() === "") return { ok: false, reason: "empty" };
  // C0, DEL and C1 controls (NUL truncates paths in C APIs); also bidi controls that disguise a path.
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(path)) return { ok: false, reason: "control" };
  if (/^[\\/]{2}/.test(path)) return { ok: false, reason: "unc" };
  if (/^[\\/]/.test(path)) return { ok: false, reason: "absolute" };
  if (/^[a-z]:/i.test(path)) return { ok: false, reason: "drive" };
  // A scheme is at least two characters, so a drive letter is never taken for one.
  if (/^[a-z][a-z0-9+.-]+:/i.test(path)) return { ok: false, reason: "url" };
  const segments: string[] = [];
  let up = 0;
  for (const s of path.split(/[\\/]/)) {
    if (s === "" || s === ".") continue;
    if (s === "..") {
      if (segments.length) segments.pop();
      else if (++up > maxUp) return { ok: false, reason: "escapes" };
      continue;
    }
    if (windowsDevice.test(s.replace(/[ .]+$/, ""))) return { ok: false, reason: "device" };
    segments.push(s);
  }
  if (!segments.length) return { ok: false, reason: up ? "escapes" : "empty" };
  return { ok: true, segments, up };
}

/** Every `evidence "…"` of a file, in text order: its indicators' (nested ones included), findings' and subjects' assessments'. */
export function evidenceOf(ast: PerfFile): StringValue[] {
  const out: StringValue[] = [];
  const walk = (items: readonly IndicatorDecl[]) => {
    for (const d of items) {
      out.push(...d.evidence);
      walk(d.children);
    }
  };
  walk(ast.declarations.filter((d): d is IndicatorDecl => d.kind === "indicator"));
  for (const d of ast.declarations) {
    if (d.kind === "finding") out.push(...d.evidence);
    else if (d.kind === "subject") for (const m of d.members) if (m.kind === "assess" || m.kind === "finding") out.push(...m.evidence);
  }
  return out.sort(byStart);
}

/** A path as a message shows it: control and bidi characters by code point, long paths cut. */
function shownPath(path: string): string {
  const cut = path.length > 80 ? `${path.slice(0, 80)}…` : path;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * PERF125 on each evidence path of `ast` that may not become a link (an empty one is left to
 * the other checks): `maxUp` is how many folders above the file's own the workspace reaches.
 * The language server and `perf check` both raise it from here.
 */
export function evidencePathDiagnostics(ast: PerfFile, uri: string, maxUp: number, options: DiagnosticFactoryOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of evidenceOf(ast)) {
    const verdict = classifyEvidencePath(e.value, { maxUp });
    if (verdict.ok || verdict.reason === "empty") continue;
    const [reasonZh, reasonEn] = evidencePathReasonText[verdict.reason];
    out.push(makeDiagnostic("PERF125", uri, e.range, { path: shownPath(e.value), reasonZh, reasonEn }, options));
  }
  return out;
}
