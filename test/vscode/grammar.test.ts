/**
 * The TextMate grammar of the VS Code extension: generated from the keyword table (stale copy =
 * failure, like the railroad diagrams), and tested with vscode-tmgrammar-test on sentences
 * from the rubrics (packages/vscode/test/*.test.zs).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYWORDS } from "../../grammar/src/keywords.ts";
import { grammarJson } from "../../packages/vscode/scripts/grammar.ts";

const VSCODE = new URL("../../packages/vscode/", import.meta.url).pathname;
const ROOT = new URL("../../", import.meta.url).pathname;

describe("the extension's TextMate grammar", () => {
  it("is current with the keyword table (npm run grammar:generate)", () => {
    expect(readFileSync(join(VSCODE, "syntaxes/zhunsheng.tmLanguage.json"), "utf8")).toBe(grammarJson());
  });

  it("colours every keyword form of the table", () => {
    const grammar = grammarJson();
    for (const k of KEYWORDS) for (const f of k.forms) expect(grammar, f).toContain(f.replace(/[()]/g, (c) => `\\\\${c}`));
  });

  it("passes the grammar tests (vscode-tmgrammar-test)", () => {
    const cli = join(ROOT, "node_modules/vscode-tmgrammar-test/dist/unit.js");
    const out = execFileSync(process.execPath, [cli, "-g", "syntaxes/zhunsheng.tmLanguage.json", "--config", "package.json", "test/*.test.zs"], { cwd: VSCODE, encoding: "utf8" });
    expect(out).toMatch(/run successfuly/);
  });
});
