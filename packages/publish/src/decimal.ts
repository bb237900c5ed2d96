/** Exact arithmetic on the decimal strings that verdicts and models carry (never binary floats). */
import { compareDecimals, decimalsOf, fromScaled, toScaled } from "@zhunsheng/core";

/** a − b, Σ values and the sign of a − b, exactly: the core's decimal-string helpers. */
export { subDecimals as subtract, addDecimals as sum, compareDecimals as compare } from "@zhunsheng/core";

function scaleOf(values: readonly string[]): number {
  return Math.max(0, ...values.map(decimalsOf));
}

/** Whether two decimal strings denote the same number ("15" and "15.0"). */
export function same(a: string | undefined | null, b: string | undefined | null): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return a === b;
  return compareDecimals(a, b) === 0;
}

/** a ÷ b × 100 rounded half-up to `digits` decimals (shares of a total). */
export function percentOf(a: string, b: string, digits = 1): string {
  const d = scaleOf([a, b]);
  const x = BigInt(toScaled(a, d) ?? 0);
  const y = BigInt(toScaled(b, d) ?? 0);
  if (y === 0n) return "0";
  const f = 10n ** BigInt(digits);
  const num = x * 100n * f;
  const q = (num * 2n + y) / (y * 2n);
  return fromScaled(Number(q), digits);
}

/** "+3", "-1.5", "0": a signed change for reports. */
export function signed(v: string): string {
  return v.startsWith("-") || v === "0" ? v : `+${v}`;
}
