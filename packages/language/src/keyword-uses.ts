import { keywordSpellings, type KeywordName, type Spelling } from "./keywords.js";

/** One keyword occurrence: which keyword, in which spelling, and where (offsets). */
export interface KeywordUse {
  name: KeywordName;
  spelling: Spelling;
  /** The offset of the keyword's first character. */
  start: number;
  /** The offset after its last character. */
  end: number;
}

const names = Object.keys(keywordSpellings) as KeywordName[];
const codeOf = new Map<KeywordName, number>(names.map((n, i) => [n, i]));

/** What `KeywordUses` stores for a keyword in a spelling. */
export function keywordCode(name: KeywordName, spelling: Spelling): number {
  return (codeOf.get(name)! << 1) | (spelling === "en" ? 1 : 0);
}

/**
 * The keyword uses of a file in source order, packed into typed arrays: which spelling each
 * used (the formatter keeps the file's choice) and where it is (the keyword hover). Keywords are
 * four in ten of a tree's nodes; as objects they were most of what a parse allocated and an
 * edit's re-parse copied (decision 0211). Built once, never changed: an edit makes a new list.
 */
export class KeywordUses implements Iterable<KeywordUse> {
  private constructor(
    /** Start offsets, ascending. */
    readonly starts: Int32Array,
    /** End offsets. */
    readonly ends: Int32Array,
    /** The keyword's index in `keywordSpellings` × 2, + 1 when spelled in English. */
    readonly codes: Uint16Array,
  ) {}

  /**
   * The empty list. It also outlives every parse, so a full collection with no tree alive keeps
   * the class's hidden class and the code specialised to it (decision 0209).
   */
  static readonly empty = new KeywordUses(new Int32Array(0), new Int32Array(0), new Uint16Array(0));

  /** A list of `uses` (in source order). */
  static of(uses: readonly KeywordUse[]): KeywordUses {
    return KeywordUses.pack(
      uses.map((u) => u.start),
      uses.map((u) => u.end),
      uses.map((u) => keywordCode(u.name, u.spelling)),
    );
  }

  /**
   * The list of uses collected as plain arrays (start offsets, end offsets, `keywordCode`s), in
   * source order. Plain arrays, not a builder object: a builder's hidden class dies with each parse,
   * and a full collection would then discard the code that fills it (decision 0209).
   */
  static pack(starts: readonly number[], ends: readonly number[], codes: readonly number[]): KeywordUses {
    return new KeywordUses(Int32Array.from(starts), Int32Array.from(ends), Uint16Array.from(codes));
  }

  /** The first `length` uses of columns filled in source order (the parse's; copied, so the columns may be longer). */
  static columns(starts: Int32Array, ends: Int32Array, codes: Uint16Array, length: number): KeywordUses {
    return new KeywordUses(starts.slice(0, length), ends.slice(0, length), codes.slice(0, length));
  }

  get length(): number {
    return this.starts.length;
  }
  name(i: number): KeywordName {
    return names[this.codes[i]! >> 1]!;
  }
  spelling(i: number): Spelling {
    return this.codes[i]! & 1 ? "en" : "zh";
  }
  /** The use at index `i`, as an object (undefined past the end). */
  at(i: number): KeywordUse | undefined {
    if (!(i >= 0 && i < this.length)) return undefined;
    return { name: this.name(i), spelling: this.spelling(i), start: this.starts[i]!, end: this.ends[i]! };
  }
  *[Symbol.iterator](): Iterator<KeywordUse> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
  /** The use whose span holds `offset`, its edges included (a cursor just after a keyword is on it). */
  useAt(offset: number): KeywordUse | undefined {
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! < offset) lo = mid + 1;
      else if (this.starts[mid]! > offset) hi = mid - 1;
      else return this.at(mid);
    }
    return undefined;
  }
  /** The index of the first use that starts at or after `offset`. */
  private firstFrom(offset: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /**
   * The list of the text edited in `[from, to)`: the uses before `from` kept, those in it replaced
   * by `fresh` (a re-parsed slice's, whose offsets start at 0: moved to `from`), those at or after
   * `to` shifted by `delta`.
   */
  spliced(from: number, to: number, fresh: KeywordUses, delta: number): KeywordUses {
    const a = this.firstFrom(from);
    const b = this.firstFrom(to);
    const n = a + fresh.length + (this.length - b);
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const codes = new Uint16Array(n);
    starts.set(this.starts.subarray(0, a));
    ends.set(this.ends.subarray(0, a));
    codes.set(this.codes.subarray(0, a));
    for (let i = 0; i < fresh.length; i++) {
      starts[a + i] = fresh.starts[i]! + from;
      ends[a + i] = fresh.ends[i]! + from;
    }
    codes.set(fresh.codes, a);
    const c = a + fresh.length;
    for (let i = b; i < this.length; i++) {
      starts[c + i - b] = this.starts[i]! + delta;
      ends[c + i - b] = this.ends[i]! + delta;
    }
    codes.set(this.codes.subarray(b), c);
    return new KeywordUses(starts, ends, codes);
  }
  /** The uses as objects: what `JSON.stringify` of a tree shows. */
  toJSON(): KeywordUse[] {
    return [...this];
  }
}
