import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baselinePath, caseFiles, readText, renderBaseline, renderRubricBaseline, rubricFiles } from "./render.ts";

describe("baselines (npm run baseline:accept to update, then review the diff)", () => {
  for (const f of caseFiles()) {
    it(f.name, () => {
      const path = baselinePath(f.name);
      expect(existsSync(path), `${path} missing: run npm run baseline:accept`).toBe(true);
      expect(renderBaseline(f.name, readText(f.path))).toBe(readText(path));
    });
  }
});

describe("every rubric of rules/: diagnostics, cases and the scores of its sample platforms", () => {
  it("finds the rubrics", () => expect(rubricFiles().length).toBeGreaterThanOrEqual(10));
  for (const f of rubricFiles()) {
    it(f.name, async () => {
      expect(existsSync(f.baseline), `${f.baseline} missing: run npm run baseline:accept`).toBe(true);
      expect(await renderRubricBaseline(f.name, readText(f.path), f.samples)).toBe(readText(f.baseline));
    });
  }
});
