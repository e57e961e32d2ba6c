/** Exact decimals as integers scaled by 10^SCALE: enough for weights and amounts, no float drift. */
const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);

export function scaled(text: string): bigint {
  const percent = text.endsWith("%");
  const digits = percent ? text.slice(0, -1) : text;
  const [whole, fraction = ""] = digits.split(".");
  const value = BigInt(whole) * FACTOR + BigInt((fraction + "0".repeat(SCALE)).slice(0, SCALE));
  return percent ? value / 100n : value;
}

export function decimalText(value: bigint): string {
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  const fraction = (abs % FACTOR).toString().padStart(SCALE, "0").replace(/0+$/, "");
  return `${sign}${abs / FACTOR}${fraction ? "." + fraction : ""}`;
}
