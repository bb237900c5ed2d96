/** Exact arithmetic on a handful of decimal strings (binder and checker; not a hot path). */
import { decimalsOf, fromScaled, toScaled } from "./decimal.ts";

function common(values: readonly string[]): number {
  return Math.max(0, ...values.map(decimalsOf));
}

export function addDecimals(values: readonly string[]): string {
  const d = common(values);
  return fromScaled(
    values.reduce((s, v) => s + (toScaled(v, d) ?? 0), 0),
    d,
  );
}

export function subDecimals(a: string, b: string): string {
  const d = common([a, b]);
  return fromScaled((toScaled(a, d) ?? 0) - (toScaled(b, d) ?? 0), d);
}

export function compareDecimals(a: string, b: string): number {
  const d = common([a, b]);
  return Math.sign((toScaled(a, d) ?? 0) - (toScaled(b, d) ?? 0));
}

export function minDecimal(a: string, b: string): string {
  return compareDecimals(a, b) <= 0 ? a : b;
}

/** "1500.0" → "1500" */
export function canonicalDecimal(v: string): string {
  const d = decimalsOf(v);
  const n = toScaled(v, d);
  return n === undefined ? v : fromScaled(n, d);
}
