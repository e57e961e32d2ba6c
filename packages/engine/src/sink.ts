import { makeDiagnostic, type Args, type Diagnostic, type DiagnosticCode, type Range } from "@perf/language";

/**
 * Where the phases put their diagnostics. Each diagnostic may be owned by the indicator whose
 * score it affects, so a consequence further up the tree can be folded into its cause.
 */
export class DiagnosticSink {
  /** Everything reported, folded or not, in order. */
  readonly list: Diagnostic[] = [];
  /** Reported diagnostics that became related information of their cause. */
  readonly folded = new Set<Diagnostic>();
  /** Diagnostic → id of the indicator whose score it concerns. */
  readonly owners = new Map<Diagnostic, string>();
  private owner: string | undefined;

  constructor(readonly strict = false) {}

  report(code: DiagnosticCode, uri: string, range: Range, args: Args = {}, data?: Record<string, string | number>): Diagnostic {
    const d = makeDiagnostic(code, uri, range, args, { strict: this.strict }, data);
    this.list.push(d);
    if (this.owner !== undefined) this.owners.set(d, this.owner);
    return d;
  }

  /**
   * Makes indicator `id` the owner of what is reported until `leave(saved)`, where `saved` is what
   * this returned — `within` without a closure, for a loop over every leaf.
   */
  enter(id: string): string | undefined {
    const saved = this.owner;
    this.owner = id;
    return saved;
  }

  leave(saved: string | undefined): void {
    this.owner = saved;
  }

  /** Runs `f` with every diagnostic it reports owned by indicator `id`. */
  within<T>(id: string, f: () => T): T {
    const saved = this.enter(id);
    try {
      return f();
    } finally {
      this.leave(saved);
    }
  }

  /** Takes `d` out of the report and keeps it as related information of `cause`. */
  fold(d: Diagnostic, cause: Diagnostic): void {
    this.folded.add(d);
    (cause.related ??= []).push({ code: d.code, args: d.args, uri: d.uri, range: d.range });
    for (const r of d.related ?? []) cause.related.push(r);
  }

  /** Whether `d` is reported on its own (not folded into a cause). */
  reported(d: Diagnostic): boolean {
    return !this.folded.has(d);
  }

  /** The diagnostics reported on their own. */
  diagnostics(): Diagnostic[] {
    return this.folded.size ? this.list.filter((d) => !this.folded.has(d)) : this.list;
  }
}
