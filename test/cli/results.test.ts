/**
 * The CLI's JSON text: `score --json` writes each verdict through createVerdictText (fast, no
 * object per row); it must be the very characters of JSON.stringify(verdictJson(…)), the shape
 * the schema describes — on every rubric's samples, on bad data, vetoes and relaxed eligibility.
 */
import { readFileSync } from "node:fs";
import { compile } from "@zhunsheng/core";
import { readDataBytes, recordOf } from "@zhunsheng/data";
import { describe, expect, it } from "vitest";
import { createVerdictText, verdictJson } from "../../packages/cli/src/results.ts";
import { load, rubricFiles, samplePath } from "../rules/support.ts";

describe("createVerdictText", () => {
  it.each(rubricFiles)("equals JSON.stringify(verdictJson) on the samples of %s, broken copies included", async (file) => {
    const { rubric } = load(file);
    const scorer = compile(rubric);
    const table = await readDataBytes(new Uint8Array(readFileSync(samplePath(file))), { file: samplePath(file) });
    const text = createVerdictText();
    const records = table.rows.filter((r) => !r.errors).map((r) => recordOf(r));
    // every third record with a value removed and one made non-numeric: errors and null totals
    const broken = records.map((r, i) => {
      const copy = { ...r };
      const keys = Object.keys(copy).filter((k) => k !== "名称" && k !== "平台名称");
      if (i % 3 === 0 && keys[0]) delete copy[keys[0]];
      if (i % 3 === 1 && keys[1]) copy[keys[1]] = "很多";
      return copy;
    });
    let n = 0;
    for (const record of [...records, ...broken]) {
      const v = scorer.score(record);
      n++;
      expect(text(v, `第${n}个平台`, n % 2 ? n : undefined)).toBe(JSON.stringify(verdictJson(v, `第${n}个平台`, n % 2 ? n : undefined)));
    }
    expect(n).toBeGreaterThan(0);
  });
});
