/** The longest a large document's analysis waits for a pause in typing. */
export const MAX_QUIET_MS = 2000;

/**
 * The quiet time before a group is analyzed again: the debounce, or for a document answered
 * from its last analysis while edited (decision 0036) as long as that analysis took, up to
 * {@link MAX_QUIET_MS}: an analysis on the server's thread holds up every request, so a pause
 * shorter than one analysis should not start one.
 */
export function quietTime(debounceMs: number, large: boolean, lastAnalysisMs: number | undefined): number {
  if (!large || lastAnalysisMs === undefined) return debounceMs;
  return Math.max(debounceMs, Math.min(MAX_QUIET_MS, Math.round(lastAnalysisMs)));
}

/**
 * Debounces analyses per group: a burst of edits costs one analysis after the last one.
 * A pending analysis is cancelled by the next edit or by closing the document.
 */
export class AnalysisScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly run: (group: string) => void,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  schedule(group: string, delay: number): void {
    this.cancel(group);
    const timer = setTimeout(() => {
      this.timers.delete(group);
      try {
        this.run(group);
      } catch (e) {
        this.onError(e);
      }
    }, delay);
    this.timers.set(group, timer);
  }

  cancel(group: string): void {
    const t = this.timers.get(group);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(group);
  }

  cancelAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  get pending(): number {
    return this.timers.size;
  }
}
