/**
 * The CLI's JSON text: `score --json` writes each verdict through createVerdictText (fast, no
 * object per row); it must be the very characters of JSON.stringify(verdictJson(…)), the shape
 * the schema describes (indicators named with their category, every category's subtotal) — on
 * every rubric's samples, on bad data, vetoes and relaxed eligibility.
 */
import { readFileSync } from "node:fs";
import { compile } from "@zhunsheng/core";
import { readDataBytes, recordOf } from "@zhunsheng/data";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { createVerdictText, verdictJson } from "../../packages/cli/src/results.ts";
import { SCHEMAS } from "../../packages/cli/src/serve/schema.ts";
import { load, rubricFiles, samplePath } from "../rules/support.ts";

const ajv = new Ajv({ allErrors: true, strict: false });
for (const s of SCHEMAS) ajv.addSchema(s);

describe("createVerdictText", () => {
  it.each(rubricFiles)("equals JSON.stringify(verdictJson), in the verdict schema with category subtotals, on the samples of %s, broken copies included", async (file) => {
    const { rubric } = load(file);
    const scorer = compile(rubric);
    const rubricIndicators = rubric.categories.flatMap((c) => c.indicators.map((i) => `${c.name}\u0000${i.name}`));
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
      const json = verdictJson(v, `第${n}个平台`, n % 2 ? n : undefined);
      expect(text(v, `第${n}个平台`, n % 2 ? n : undefined)).toBe(JSON.stringify(json));
      if (!ajv.validate("verdict.json", json)) throw new Error(`${file}: ${ajv.errorsText(ajv.errors)}`);
      // which indicator it is, said by name and category (a name may contain 「/」, so a path alone is not enough)
      for (const x of json.indicators) expect(rubricIndicators).toContain(`${x.category}\u0000${x.name}`);
      if (json.total !== null) expect(json.categories.map((c) => c.name)).toEqual(rubric.categories.map((c) => c.name));
    }
    expect(n).toBeGreaterThan(0);
  });
});
