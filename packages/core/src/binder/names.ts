/**
 * The binder's name occurrence table: every declaration and use of an input, indicator or
 * category, recorded while names are resolved. Definition, references, rename, hover and
 * semantic highlighting read it; nothing resolves names a second time.
 */
import type { Range } from "../ast.ts";

export type NameKind = "input" | "indicator" | "category";

export interface NameOccurrence {
  kind: NameKind;
  name: string;
  range: Range;
  declaration: boolean;
}

/** The occurrence whose range contains `offset` (end inclusive); `occurrences` sorted by start. */
export function occurrenceAt(occurrences: readonly NameOccurrence[], offset: number): NameOccurrence | undefined {
  let lo = 0;
  let hi = occurrences.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (occurrences[mid]!.range.start.offset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // a cursor right after one name and right before the next: the earlier one contains it
  for (let k = Math.max(0, found - 1); k <= found; k++) {
    const o = occurrences[k]!;
    if (o.range.start.offset <= offset && offset <= o.range.end.offset) return o;
  }
  return undefined;
}

/** Every occurrence of the same name and kind as `o` (declaration included). */
export function occurrencesOf(occurrences: readonly NameOccurrence[], o: Pick<NameOccurrence, "kind" | "name">): NameOccurrence[] {
  return occurrences.filter((x) => x.kind === o.kind && x.name === o.name);
}
