/**
 * Platforms named twice in one data file: both are read and scored, and said once per name with
 * their rows — a ranking with 甲平台 twice, or an explanation of whichever came first, would
 * look right and be wrong. Streaming files of a million rows keep no name: each is remembered by
 * two 32-bit hashes in one typed array (16 bytes a slot, no string kept alive, no garbage per row);
 * only a repeated name is kept as text. Two different names agree on both hashes with odds about
 * n²/2⁶⁵ (3·10⁻⁸ for a million platforms).
 */
import { dataError, type DataError } from "./errors.ts";
import type { DataRow } from "./table.ts";

export interface NameTracker {
  add(rows: readonly DataRow[]): void;
  /** One warning per repeated name, in the order the repeats were found. */
  warnings(): DataError[];
}

export function createNameTracker(): NameTracker {
  // open addressing, one slot = 4 ints side by side (one cache line holds a whole slot): hash a, hash b, first row (0: empty)
  let mask = (1 << 10) - 1;
  let table = new Int32Array((mask + 1) * 4);
  let used = 0;
  const repeated = new Map<string, number[]>();

  const place = (t: Int32Array, a: number, b: number, row: number) => {
    let slot = a & mask;
    while (t[slot * 4 + 2] !== 0) slot = (slot + 1) & mask;
    t[slot * 4] = a;
    t[slot * 4 + 1] = b;
    t[slot * 4 + 2] = row;
  };

  const grow = () => {
    const old = table;
    mask = mask * 2 + 1;
    table = new Int32Array((mask + 1) * 4);
    for (let k = 0; k < old.length; k += 4) if (old[k + 2] !== 0) place(table, old[k]!, old[k + 1]!, old[k + 2]!);
  };

  /** The row of the first platform of this name, or 0 (and the row remembered) when it is new. */
  const firstOf = (name: string, row: number): number => {
    let a = 0x811c9dc5 | 0;
    let b = 0x9747b28c | 0;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const f = table[slot * 4 + 2]!;
      if (f === 0) break;
      if (table[slot * 4] === a && table[slot * 4 + 1] === b) return f;
    }
    place(table, a, b, row);
    if (++used * 2 > mask) grow();
    return 0;
  };

  return {
    add(rows) {
      for (const r of rows) {
        if (r.platform === undefined) continue;
        const first = firstOf(r.platform, r.row);
        if (first === 0) continue;
        const at = repeated.get(r.platform);
        if (at) at.push(r.row);
        else repeated.set(r.platform, [first, r.row]);
      }
    },
    warnings() {
      return [...repeated].map(([name, rows]) => {
        const shown = rows.slice(0, 10).map((n) => `第${n}行`).join("、") + (rows.length > 10 ? "等" : "");
        return dataError("ZS6019", `平台名称「${name}」出现了${rows.length}次（${shown}），评分结果中会列出${rows.length}个同名平台，无法区分：请改正重名的平台名称，或删去重复的行`, { row: rows[1]! }, "warning");
      });
    },
  };
}
