/**
 * Keeps alive the hidden class of an object an analysis makes once — the scoring walk's state, the
 * checks' context — so the optimised code that reads it outlives the analysis (decision 0221).
 *
 * V8 gives a function its feedback vector only after several calls, and until then a literal in
 * it has no boilerplate to hold its class: the class lives while an object of it does. Made once
 * per analysis, such an object died with the analysis, its class two full collections later, and
 * with the class the code compiled against it ("weak objects"): `scoreNode`, the largest function
 * of an analysis to compile (40–150 ms), was compiled 5 times in the first 12 analyses of the
 * bench's document, `checkIndicator` and `inexact` 3 times. A blank object made at module load did
 * not keep the class the analyses use; the first real one does. So the first object is kept, and
 * once its analysis is done with it, what it refers to is dropped (its object fields set to
 * undefined): the class stays, the analysis does not.
 */
export class ClassKeeper<T extends object> {
  private kept: T | undefined;

  /**
   * `f(value)`, `value` kept if it is the first this keeper sees; once `f` is done (or has thrown),
   * what the kept object refers to is dropped ({@link dropReferences}).
   */
  use<R>(value: T, f: (value: T) => R): R {
    this.kept ??= value;
    try {
      return f(value);
    } finally {
      if (value === this.kept) dropReferences(value);
    }
  }
}

/**
 * `value` itself, with what it refers to dropped: its object and string fields become undefined (a
 * string may be a slice that keeps a whole document alive). `kind`, the tag every reader switches
 * on, keeps its value, and numbers and booleans keep theirs. The object — and so its hidden class —
 * stays; collect keeps such a copy of the first declaration of each class (decision 0219).
 */
export function dropReferences<T extends object>(value: T): T {
  const fields = value as Record<string, unknown>;
  for (const k in fields) {
    const v = fields[k];
    if (k !== "kind" && (typeof v === "object" || typeof v === "string")) fields[k] = undefined;
  }
  return value;
}
