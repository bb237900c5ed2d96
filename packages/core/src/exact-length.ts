/**
 * Arrays the analysis keeps, at their exact length. An array built by push, filter, flatMap or
 * spread keeps the room V8 grew it by (the first push makes room for 17 elements), and a kept
 * array's room is copied by every young-generation collection it meets, then kept for as long as
 * the analysis: at 100 copies of the national norm, 3.2 MB of the 24 MB an analysis kept. `slice`
 * allocates exactly the elements there are; an empty list is one shared frozen array (28,000 of
 * them at 100×: most indicators and rules have no 材料 required, no 否决, no options), frozen so
 * that a push into it fails loudly instead of changing every empty list.
 */
const NONE: readonly never[] = Object.freeze([]);

export function exactLength<T>(xs: T[]): T[] {
  return xs.length === 0 ? emptyList() : xs.slice();
}

/** The shared empty list (see exactLength). */
export function emptyList<T>(): T[] {
  return NONE as unknown as T[];
}
