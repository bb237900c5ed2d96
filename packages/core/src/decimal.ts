/**
 * Exact decimal arithmetic on scaled integers.
 *
 * Why scaled integers rather than a decimal library: scoring a platform adds, compares and
 * counts steps thousands of times; a decimal object per operation costs many times a plain
 * number. A rubric's numbers have few decimals, so `compile` picks one scale 10^D for the
 * whole rubric and dataset (D = decimals of weights + decimals of everything else, at most 6),
 * every value becomes an integer count of 10^-D, and +, −, comparison and step counting are
 * exact integer operations on ordinary numbers (all below 2^53). Products and quotients that
 * could leave that range (weights × scores, linear interpolation, derived ratios) go through
 * BigInt and are rounded half-up to the rubric's declared precision, which the explanation states.
 */

export const MAX_SCALE_DIGITS = 6;
/** Largest magnitude a scaled value may take: far below 2^53 so sums of many stay exact. */
const MAX_SCALED = 2 ** 50;

/** Number of decimals written in a decimal string ("0.05" → 2, "15" → 0). */
export function decimalsOf(value: string): number {
  const dot = value.indexOf(".");
  if (dot < 0) return 0;
  return value.length - dot - 1 - (value.match(/0*$/)?.[0].length ?? 0);
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value);
}

/**
 * Parses a decimal string into an integer count of 10^-digits. Returns undefined when the
 * string is not a decimal, has more decimals than the scale, or is too large.
 */
export function toScaled(value: string, digits: number): number | undefined {
  const m = DECIMAL.exec(value.trim());
  if (!m) return undefined;
  const [, sign, int, frac = ""] = m;
  const trimmed = frac.replace(/0+$/, "");
  if (trimmed.length > digits) return undefined;
  const n = Number(int! + trimmed.padEnd(digits, "0"));
  if (!Number.isSafeInteger(n) || n > MAX_SCALED) return undefined;
  return sign === "-" ? -n : n;
}

/** The inverse of toScaled, without trailing zeros: 405 at 2 digits → "4.05", 1500 → "15". */
export function fromScaled(n: number, digits: number): string {
  if (n === 0) return "0";
  const neg = n < 0;
  const s = String(Math.abs(n)).padStart(digits + 1, "0");
  const int = s.slice(0, s.length - digits);
  const frac = s.slice(s.length - digits).replace(/0+$/, "");
  return (neg ? "-" : "") + int + (frac ? "." + frac : "");
}

/** Rescales a decimal string to `digits` by exact string arithmetic; undefined if it does not fit. */
export function rescale(value: string, digits: number): number | undefined {
  return toScaled(value, digits);
}

/**
 * round(a × b ÷ c) to `precision` decimals, all operands and the result scaled by 10^digits.
 * Half-up away from zero (四舍五入). Exact: computed in BigInt.
 */
export function mulDivRound(a: number, b: number, c: number, digits: number, precision: number): number {
  if (c === 0) throw new RangeError("division by zero");
  const p = Math.min(precision, digits);
  const drop = 10n ** BigInt(digits - p);
  // a·b/c at scale `digits`, then to scale `p` with rounding, then back to `digits`
  const num = BigInt(a) * BigInt(b);
  const den = BigInt(c) * drop;
  const q = roundHalfUp(num, den);
  return Number(q * drop);
}

/** a × b with both at scale 10^digits; the result at the same scale, rounded half-up if it must be. */
export function mulScaled(a: number, b: number, digits: number): number {
  const prod = a * b;
  const f = 10 ** digits;
  if (Number.isSafeInteger(prod)) {
    const q = prod / f;
    if (Number.isInteger(q)) return q;
  }
  return Number(roundHalfUp(BigInt(a) * BigInt(b), BigInt(f)));
}

function roundHalfUp(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (abs * 2n + den) / (den * 2n);
  return neg ? -q : q;
}

/** Whether a scaled value is a whole number. */
export function isWhole(n: number, digits: number): boolean {
  return n % 10 ** digits === 0;
}
