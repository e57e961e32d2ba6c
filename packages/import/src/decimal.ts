/** Exact sums and comparisons of short decimal strings (weights and scores), without floating point. */
function parts(s: string): [bigint, number] {
  const neg = s.startsWith("-");
  const [i, f = ""] = s.replace(/^[-+]/, "").split(".");
  return [BigInt((neg ? "-" : "") + (i || "0") + f), f.length];
}

function scaled(s: string, scale: number): bigint {
  const [n, d] = parts(s);
  return n * 10n ** BigInt(scale - d);
}

export function decimals(s: string): number {
  return parts(s)[1];
}

export function addDecimals(values: string[]): string {
  const scale = Math.max(0, ...values.map(decimals));
  const sum = values.reduce((acc, v) => acc + scaled(v, scale), 0n);
  const neg = sum < 0n;
  let digits = (neg ? -sum : sum).toString().padStart(scale + 1, "0");
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, "");
  return (neg ? "-" : "") + digits;
}

export function sameDecimal(a: string, b: string): boolean {
  const scale = Math.max(decimals(a), decimals(b));
  return scaled(a, scale) === scaled(b, scale);
}

/** A weight or score written in a cell: `2`, `2.00`, `14分`, `１４` (full-width digits). */
export function parseNumber(text: string): string | undefined {
  const t = text.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, "");
  const m = /^(\d+(?:\.\d+)?)分?$/.exec(t);
  if (!m) return undefined;
  return m[1]!.includes(".") ? m[1]!.replace(/\.?0+$/, "").replace(/^0+(?=\d)/, "") : m[1]!.replace(/^0+(?=\d)/, "");
}
