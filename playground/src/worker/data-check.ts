/**
 * The dataset against its rubric, cell by cell: the errors of every record as the core's record
 * reader read it for scoring (the one place that decides what a cell of an input's type, unit and
 * range may hold — read once, see scores.ts ReadData), columns that match no input, and inputs
 * that no column gives.
 */
import { PLATFORM_NAME_COLUMNS, type FieldError, type Rubric } from "@zhunsheng/core";
import type { DataCheck, Record_ } from "../protocol.ts";

/** Cells listed at most (10,000 platforms with one bad column would otherwise flood 问题). */
const MAX_CELLS = 500;

/**
 * `errorsOf(i)`: what reading platform i's record found wrong. `rowErrors[i]` set: platform i's row
 * could not be read (it is reported as 数据有误 in the score table), so its cells are not checked.
 */
export function checkDataset(
  rubric: Rubric,
  name: string,
  records: readonly Record_[],
  errorsOf: (row: number) => readonly FieldError[],
  rowErrors?: readonly (readonly string[] | null)[],
): DataCheck {
  const present = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) present.add(k);
  const platformColumn = PLATFORM_NAME_COLUMNS.find((c) => present.has(c));
  const entered = rubric.inputs.filter((i) => i.kind !== "derived");
  const known = new Set(rubric.inputs.map((i) => i.name));
  const unmatched = [...present].filter((c) => c !== platformColumn && !known.has(c));
  const missing = entered.filter((i) => !present.has(i.name)).map((i) => i.name);
  const missingSet = new Set(missing);
  const cells: DataCheck["cells"] = [];
  let cellCount = 0;
  records.forEach((rec, row) => {
    if (rowErrors?.[row]) return;
    for (const e of errorsOf(row)) {
      // an input with no column at all is one problem, not one per platform
      if (missingSet.has(e.field)) continue;
      cellCount++;
      if (cells.length < MAX_CELLS) cells.push({ row, field: e.field, message: e.message, platform: platformColumn ? String(rec[platformColumn] ?? "") : "" });
    }
  });
  const columns = [...(platformColumn ? [platformColumn] : []), ...entered.map((i) => i.name), ...unmatched];
  return { dataset: name, columns, platformColumn, unmatched, missing, cells, cellCount };
}
