import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diagramsHtml, withKeywordTables } from "../../grammar/src/generate.ts";
import { KEYWORDS } from "../../grammar/src/keywords.ts";

const dir = new URL("../../grammar/", import.meta.url);

describe("artefacts generated from the grammar are current (npm run grammar:generate)", () => {
  it("railroad diagrams", () => {
    expect(readFileSync(new URL("diagrams.html", dir), "utf8")).toBe(diagramsHtml());
  });
  it("keyword tables of the reference", () => {
    const ref = readFileSync(new URL("语法参考.md", dir), "utf8");
    expect(withKeywordTables(ref)).toBe(ref);
  });
  it("the diagrams page needs no network", () => {
    expect(diagramsHtml()).not.toMatch(/https?:\/\/unpkg/);
  });
  it("every keyword form is unique", () => {
    const forms = KEYWORDS.flatMap((k) => k.forms);
    expect(new Set(forms).size).toBe(forms.length);
  });
});
