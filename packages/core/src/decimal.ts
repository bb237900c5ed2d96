/**
 * Exact numbers — the one module for them. Three forms, each where it pays:
 *
 * - **Decimal strings** ("1500", "0.05") are what models, verdicts and reports carry. Their
 *   arithmetic here (add, subtract, compare) is exact for any length (BigInt), never a float.
 * - **Scaled integers** are what scoring runs on. A scale of D digits turns every value into an
 *   integer count of 10^-D, so +, −, comparison and step counting are plain integer operations
 *   on ordinary numbers — a decimal object per operation would cost many times more. A value
 *   fits a scale when its magnitude stays at or below 2^50 (sums of many stay below 2^53).
 *   Products and quotients that could leave that range go through BigInt and are rounded
 *   half-up to the rubric's 精度, never to the scale, so a result never depends on the scale.
 * - **Rationals** (BigInt numerator and denominator) are what derived inputs evaluate to:
 *   1190 ÷ 2000 × 100 is exactly 59.5 and 7 ÷ 12 × 100 is exactly 175/3, and both are compared
 *   with a threshold by cross-multiplication — no rounding before comparing.
 */

/** Most decimals a number may carry, in a rubric or in data. */
export const MAX_DECIMALS = 6;
/** @deprecated the former name of MAX_DECIMALS. */
export const MAX_SCALE_DIGITS = MAX_DECIMALS;
/** Largest magnitude a scaled value may take: far below 2^53 so sums of many stay exact. */
export const MAX_SCALED = 2 ** 50;

const POW10: number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

// ---- decimal strings -------------------------------------------------------------------------

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value);
}

/** Number of decimals written in a decimal string, trailing zeros aside ("0.05" → 2, "15.0" → 0). */
export function decimalsOf(value: string): number {
  const dot = value.indexOf(".");
  if (dot < 0) return 0;
  let end = value.length;
  while (end > dot + 1 && value.charCodeAt(end - 1) === 48) end--;
  return end - dot - 1;
}

/** A decimal string as an exact integer count of 10^-scale (any length). */
interface BigDecimal {
  units: bigint;
  scale: number;
}

function parseBig(value: string): BigDecimal | undefined {
  const m = DECIMAL.exec(value.trim());
  if (!m) return undefined;
  const [, sign, int, frac = ""] = m;
  const units = BigInt(int! + frac);
  return { units: sign === "-" ? -units : units, scale: frac.length };
}

function atScale(b: BigDecimal, scale: number): bigint {
  return b.units * 10n ** BigInt(scale - b.scale);
}

function formatBig(units: bigint, scale: number): string {
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(scale + 1, "0");
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, "");
  const out = int + (frac ? "." + frac : "");
  return neg && out !== "0" ? "-" + out : out;
}

function bigAll(values: readonly string[]): { list: BigDecimal[]; scale: number } {
  const list = values.map((v) => parseBig(v) ?? { units: 0n, scale: 0 });
  return { list, scale: Math.max(0, ...list.map((b) => b.scale)) };
}

/** Σ values, exactly ("0.1" + "0.2" = "0.3"). Strings that are not decimals count as 0. */
export function addDecimals(values: readonly string[]): string {
  const { list, scale } = bigAll(values);
  return formatBig(
    list.reduce((s, b) => s + atScale(b, scale), 0n),
    scale,
  );
}

/** a − b, exactly. */
export function subDecimals(a: string, b: string): string {
  const { list, scale } = bigAll([a, b]);
  return formatBig(atScale(list[0]!, scale) - atScale(list[1]!, scale), scale);
}

/** Sign of a − b (−1, 0, 1), exactly. */
export function compareDecimals(a: string, b: string): number {
  const { list, scale } = bigAll([a, b]);
  const d = atScale(list[0]!, scale) - atScale(list[1]!, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function minDecimal(a: string, b: string): string {
  return compareDecimals(a, b) <= 0 ? a : b;
}

/** Already canonical: no sign but a minus, no leading or trailing zero, not "-0". */
const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** "1500.0" → "1500", "-0" → "0"; a string that is not a decimal is returned unchanged. */
export function canonicalDecimal(v: string): string {
  if (CANONICAL.test(v) && v !== "-0") return v;
  const b = parseBig(v);
  return b ? formatBig(b.units, b.scale) : v;
}

/** Whether two decimal strings denote the same number ("15" and "15.0"); null and undefined only equal themselves. */
export function sameDecimal(a: string | undefined | null, b: string | undefined | null): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return a === b;
  return compareDecimals(a, b) === 0;
}

/** a ÷ b × 100 rounded half-up to `digits` decimals (shares of a total); "0" when b is 0. */
export function percentOf(a: string, b: string, digits = 1): string {
  const { list, scale } = bigAll([a, b]);
  const x = atScale(list[0]!, scale);
  const y = atScale(list[1]!, scale);
  if (y === 0n) return "0";
  return formatBig(roundHalfUp(x * 100n * 10n ** BigInt(digits), y), digits);
}

/** "+3", "-1.5", "0": a signed change for reports. */
export function signedDecimal(v: string): string {
  return v.startsWith("-") || compareDecimals(v, "0") === 0 ? v : `+${v}`;
}

// ---- scaled integers -------------------------------------------------------------------------

/**
 * Parses a decimal string into an integer count of 10^-digits. Undefined when the string is
 * not a decimal, has more decimals than the scale, or is too large for it (see `fitsScale`).
 */
export function toScaled(value: string, digits: number): number | undefined {
  const m = DECIMAL.exec(value.trim());
  if (!m) return undefined;
  const [, sign, int, frac = ""] = m;
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  if (end > digits) return undefined;
  const intDigits = int!.replace(/^0+/, "");
  // 16 significant digits cannot be below 2^50: refuse before Number() rounds them
  if (intDigits.length + digits > 16) return undefined;
  const n = Number(intDigits + frac.slice(0, end).padEnd(digits, "0"));
  if (!Number.isSafeInteger(n) || n > MAX_SCALED) return undefined;
  return sign === "-" ? -n : n;
}

/** The inverse of toScaled, without trailing zeros: 405 at 2 digits → "4.05", 1500 → "15". */
export function fromScaled(n: number, digits: number): string {
  if (n === 0) return "0";
  const neg = n < 0;
  const abs = neg ? -n : n;
  if (digits === 0) return (neg ? "-" : "") + String(abs);
  const f = POW10[digits]!;
  let int = Math.floor(abs / f);
  let frac = abs - int * f;
  if (frac < 0) {
    // abs / f rounded up to the next integer: only possible very close to 2^53
    int--;
    frac += f;
  }
  if (frac === 0) return (neg ? "-" : "") + String(int);
  let d = digits;
  while (frac % 10 === 0) {
    frac /= 10;
    d--;
  }
  return (neg ? "-" : "") + String(int) + "." + String(frac).padStart(d, "0");
}

/** @deprecated same as toScaled. */
export function rescale(value: string, digits: number): number | undefined {
  return toScaled(value, digits);
}

/** Whether a decimal string can be held exactly at a scale of `digits` decimals. */
export function fitsScale(value: string, digits: number): boolean {
  return toScaled(value, digits) !== undefined;
}

/** The largest magnitude a scale of `digits` decimals holds, as a decimal string (for messages naming the limit). */
export function scaleLimit(digits: number): string {
  return formatBig(BigInt(MAX_SCALED), digits).replace(/\.\d+$/, "");
}

/** round(num ÷ den) half away from zero (四舍五入), in BigInt. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (abs * 2n + den) / (den * 2n);
  return neg ? -q : q;
}

/**
 * round(a × b ÷ c) to `precision` decimals, all operands and the result scaled by 10^digits.
 * Half-up away from zero (四舍五入). Exact: computed in BigInt.
 */
export function mulDivRound(a: number, b: number, c: number, digits: number, precision: number): number {
  if (c === 0) throw new RangeError("internal: division by zero");
  const p = Math.min(precision, digits);
  const drop = 10n ** BigInt(digits - p);
  return Number(roundHalfUp(BigInt(a) * BigInt(b), BigInt(c) * drop) * drop);
}

/** a × b with both at scale 10^digits; the result at the same scale, rounded half-up if it must be. */
export function mulScaled(a: number, b: number, digits: number): number {
  const prod = a * b;
  const f = POW10[digits] ?? 10 ** digits;
  if (Number.isSafeInteger(prod)) {
    const q = prod / f;
    if (Number.isInteger(q)) return q;
  }
  return Number(roundHalfUp(BigInt(a) * BigInt(b), BigInt(f)));
}

/** Whether a scaled value is a whole number. */
export function isWhole(n: number, digits: number): boolean {
  return n % (POW10[digits] ?? 10 ** digits) === 0;
}

/** 10^digits as a number (digits ≤ 22). */
export function pow10(digits: number): number {
  return POW10[digits] ?? 10 ** digits;
}

// ---- rationals -------------------------------------------------------------------------------

/** An exact rational n ÷ d (d > 0), for derived values. Not necessarily in lowest terms. */
export interface Rational {
  n: bigint;
  d: bigint;
}

const BIG10: bigint[] = Array.from({ length: 23 }, (_, i) => 10n ** BigInt(i));
const big10 = (k: number) => BIG10[k] ?? 10n ** BigInt(k);

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError("internal: zero denominator");
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

/** A scaled integer (count of 10^-digits) as a rational. */
export function rationalOfScaled(v: number, digits: number): Rational {
  return { n: BigInt(v), d: big10(digits) };
}

/** A decimal string as a rational; undefined if it is not a decimal. */
export function rationalOfDecimal(value: string): Rational | undefined {
  const b = parseBig(value);
  return b && { n: b.units, d: big10(b.scale) };
}

export function ratAdd(a: Rational, b: Rational): Rational {
  return a.d === b.d ? { n: a.n + b.n, d: a.d } : reduce({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
}

export function ratSub(a: Rational, b: Rational): Rational {
  return ratAdd(a, { n: -b.n, d: b.d });
}

export function ratMul(a: Rational, b: Rational): Rational {
  return reduce({ n: a.n * b.n, d: a.d * b.d });
}

/** a ÷ b; undefined when b is 0. */
export function ratDiv(a: Rational, b: Rational): Rational | undefined {
  if (b.n === 0n) return undefined;
  return reduce(rational(a.n * b.d, a.d * b.n));
}

export function ratNeg(a: Rational): Rational {
  return { n: -a.n, d: a.d };
}

function reduce(q: Rational): Rational {
  if (q.d === 1n) return q;
  const g = gcd(q.n, q.d);
  return g === 1n || g === 0n ? q : { n: q.n / g, d: q.d / g };
}

/** Sign of a − b by cross-multiplication. */
export function ratCompare(a: Rational, b: Rational): number {
  const x = a.n * b.d;
  const y = b.n * a.d;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sign of q − t where t is a scaled integer at `digits`. */
export function ratCompareScaled(q: Rational, t: number, digits: number): number {
  const x = q.n * big10(digits);
  const y = BigInt(t) * q.d;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** q as a scaled integer at `digits` when it is exactly one there, else undefined. */
export function ratToScaled(q: Rational, digits: number): number | undefined {
  const num = q.n * big10(digits);
  if (num % q.d !== 0n) return undefined;
  const v = num / q.d;
  const abs = v < 0n ? -v : v;
  return abs > BigInt(MAX_SCALED) ? undefined : Number(v);
}

/** q rounded half-up to `precision` decimals, as a scaled integer at `digits` (digits ≥ precision). */
export function ratRoundScaled(q: Rational, precision: number, digits: number): number {
  const p = Math.min(precision, digits);
  return Number(roundHalfUp(q.n * big10(p), q.d) * big10(digits - p));
}

/** The exact decimal of q when it terminates ("59.5"), else undefined (175/3). */
export function ratToDecimal(q: Rational): string | undefined {
  const r = reduce(q);
  let d = r.d;
  let k = 0;
  while (d % 10n === 0n) (d /= 10n), k++;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) (d /= 2n), twos++;
  while (d % 5n === 0n) (d /= 5n), fives++;
  if (d !== 1n) return undefined;
  const scale = k + Math.max(twos, fives);
  return formatBig((r.n * big10(scale)) / r.d, scale);
}

/** q in lowest terms as 「175/3」, or its decimal when it terminates. */
export function ratToText(q: Rational): string {
  const exact = ratToDecimal(q);
  if (exact !== undefined) return exact;
  const r = reduce(q);
  return `${r.n}/${r.d}`;
}
