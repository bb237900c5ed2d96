/**
 * Exact fractions for the test oracle: BigInt numerator over a positive BigInt denominator, always reduced.
 * Written for the oracle alone (it shares no code with packages/core's decimal module), so that an error in
 * the engine's arithmetic cannot hide behind the same error here.
 */
export interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function frac(n: bigint, d: bigint = 1n): Fraction {
  if (d === 0n) throw new RangeError("oracle: division by zero");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO = frac(0n);
export const ONE = frac(1n);
export const HUNDRED = frac(100n);

/** "1500", "-0.05", "59.99" (also "+3", ".5") → exact fraction; anything else → undefined. */
export function parseDecimal(text: string): Fraction | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const digits = (m[2] || "0") + (m[3] ?? "");
  const n = BigInt(digits) * (m[1] === "-" ? -1n : 1n);
  return frac(n, 10n ** BigInt((m[3] ?? "").length));
}

export function dec(text: string): Fraction {
  const f = parseDecimal(text);
  if (!f) throw new Error(`oracle: not a decimal: ${text}`);
  return f;
}

export const add = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.n, a.d * b.d);
export const div = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d, a.d * b.n);
export const neg = (a: Fraction): Fraction => frac(-a.n, a.d);
export const cmp = (a: Fraction, b: Fraction): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const eq = (a: Fraction, b: Fraction): boolean => cmp(a, b) === 0;
export const min = (a: Fraction, b: Fraction): Fraction => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Fraction, b: Fraction): Fraction => (cmp(a, b) >= 0 ? a : b);
export const isZero = (a: Fraction): boolean => a.n === 0n;
export const isInteger = (a: Fraction): boolean => a.d === 1n;

/** ⌊a⌋ as a fraction. */
export function floor(a: Fraction): Fraction {
  const q = a.n / a.d; // truncates toward zero
  return frac(a.n < 0n && q * a.d !== a.n ? q - 1n : q);
}

/** ⌈a⌉ as a fraction. */
export function ceil(a: Fraction): Fraction {
  return neg(floor(neg(a)));
}

/** 四舍五入 to `digits` decimals, halves away from zero (the rounding officers use). */
export function roundHalfUp(a: Fraction, digits: number): Fraction {
  const scale = 10n ** BigInt(digits);
  const abs = a.n < 0n ? -a.n : a.n;
  const scaled = (abs * scale * 2n + a.d) / (2n * a.d);
  return frac(a.n < 0n ? -scaled : scaled, scale);
}

/** Whether the fraction has a finite decimal expansion (denominator of only 2s and 5s). */
export function terminates(a: Fraction): boolean {
  let d = a.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

/** The exact decimal text of a terminating fraction ("7.5", "-0.25", "100"); throws for 1/3. */
export function toDecimal(a: Fraction): string {
  if (!terminates(a)) throw new Error(`oracle: ${a.n}/${a.d} has no finite decimal form`);
  let digits = 0;
  let scale = 1n;
  while ((a.n * scale) % a.d !== 0n) {
    digits++;
    scale *= 10n;
  }
  const v = (a.n * scale) / a.d;
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(digits + 1, "0");
  const text = digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  return neg ? `-${text}` : text;
}

/** For messages: exact decimal when there is one, else n/d. */
export function show(a: Fraction): string {
  return terminates(a) ? toDecimal(a) : `${a.n}/${a.d}`;
}
