/**
 * Numbers as decimal text, moved and normalised as strings so that no binary float stands
 * between what the file says and what the engine reads.
 */

/** `1.5e3` → `1500`, `1e-5` → `0.00001`, `120.500` → `120.5`; text that is not such a number is returned unchanged. */
export function plainDecimal(num: string): string {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(num);
  if (!m) return num;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (Math.abs(exp) > 400) return num; // left as written: the reader of the value says it is out of range
  const digits = m[2]! + (m[3] ?? "");
  const point = m[2]!.length + exp;
  let int: string;
  let frac: string;
  if (point <= 0) {
    int = "0";
    frac = "0".repeat(-point) + digits;
  } else if (point >= digits.length) {
    int = digits + "0".repeat(point - digits.length);
    frac = "";
  } else {
    int = digits.slice(0, point);
    frac = digits.slice(point);
  }
  int = int.replace(/^0+(?=\d)/, "");
  frac = frac.replace(/0+$/, "");
  const body = frac ? `${int}.${frac}` : int;
  return m[1] === "-" && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Moves the decimal point of a plain decimal `places` to the right (× 10^places), exactly. */
export function shiftDecimal(num: string, places: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(num);
  if (!m) return num;
  return plainDecimal(`${m[1]}${m[2]}${m[3] ? "." + m[3] : ""}e${places}`);
}

/**
 * A worksheet number as Excel shows it in General format: the double rounded to 15
 * significant digits (Excel keeps no more: 0.1+0.2 is shown as 0.3), as a plain decimal.
 */
export function excelNumberText(v: number): string {
  if (!Number.isFinite(v)) return "";
  if (v === 0) return "0";
  return plainDecimal(v.toPrecision(15));
}
