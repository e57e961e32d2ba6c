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
