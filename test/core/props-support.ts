export { analyze, compile, type Rubric } from "../../packages/core/src/index.ts";

/** Compares two decimal strings exactly. */
export function compareScaledStrings(a: string, b: string): number {
  const norm = (v: string) => {
    const neg = v.startsWith("-");
    const [int, frac = ""] = v.replace("-", "").split(".");
    return { neg, int: BigInt(int!), frac };
  };
  const x = norm(a);
  const y = norm(b);
  const d = Math.max(x.frac.length, y.frac.length);
  const sx = (x.int * 10n ** BigInt(d) + BigInt(x.frac.padEnd(d, "0") || "0")) * (x.neg ? -1n : 1n);
  const sy = (y.int * 10n ** BigInt(d) + BigInt(y.frac.padEnd(d, "0") || "0")) * (y.neg ? -1n : 1n);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}
