/**
 * The scorer for one record: the scale must hold the record's decimals, so a record with more
 * decimals than any before gets a scorer compiled at its scale (cached). Results do not depend
 * on the scale; this keeps `score` streaming until the core chooses the scale per record itself.
 */
import { chooseDigits, compile, dataDigits, type PlatformRecord, type Rubric, type Scorer } from "@zhunsheng/core";

export function scorerFor(rubric: Rubric, record: PlatformRecord, cache: Map<number, Scorer>): Scorer {
  const needed = Math.max(2, dataDigits(rubric, [record]));
  const digits = chooseDigits(rubric, needed);
  let scorer = cache.get(digits);
  if (!scorer) {
    scorer = compile(rubric, { dataDigits: needed });
    cache.set(digits, scorer);
  }
  return scorer;
}
