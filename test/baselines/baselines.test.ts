import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baselinePath, caseFiles, readText, renderBaseline } from "./render.ts";

describe("baselines (npm run baseline:accept to update, then review the diff)", () => {
  for (const f of caseFiles()) {
    it(f.name, () => {
      const path = baselinePath(f.name);
      expect(existsSync(path), `${path} missing: run npm run baseline:accept`).toBe(true);
      expect(renderBaseline(f.name, readText(f.path))).toBe(readText(path));
    });
  }
});
