/**
 * `zhunsheng lsp` in an editor no one here wrote: headless Neovim's built-in LSP client opens a
 * rubric with a mistake, receives the workbench's diagnostics, a hover, and renames an input
 * (the sample data and the concept table follow). Under CI a missing Neovim fails the test;
 * elsewhere it is skipped with the command to install it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDocument, diagnostics, hover } from "../../packages/language-service/src/index.ts";
import { BIN, copyRules } from "./client.ts";

function neovimVersion(): string | undefined {
  try {
    return execFileSync("nvim", ["--version"], { encoding: "utf8" }).split("\n")[0];
  } catch {
    return undefined;
  }
}

const version = neovimVersion();
const HUNAN = "hunan/未注明年度/市州综合窗口平台.zs";

describe.skipIf(!version && process.env.CI !== "true")(`Neovim's LSP client (${version ?? "没有安装 neovim：apt-get install neovim"})`, () => {
  it("shows the diagnostics of the workbench, a hover, and renames an input across the rules folder", () => {
    expect(version, "CI 需要 Neovim：.ci/run 用 apt-get install neovim 安装").toBeDefined();
    const rules = copyRules();
    const file = join(rules, HUNAN);
    const text = readFileSync(file, "utf8").replace("协同评定分 综合评定", "协同评分 综合评定");
    writeFileSync(file, text);
    const out = join(mkdtempSync(join(tmpdir(), "zhunsheng-nvim-")), "result.json");
    const run = spawnSync("nvim", ["--headless", "--clean", "-n", "-c", `luafile ${new URL("./neovim.lua", import.meta.url).pathname}`], {
      env: { ...process.env, ZS_BIN: BIN, ZS_ROOT: rules, ZS_FILE: file, ZS_OUT: out },
      cwd: rules,
      encoding: "utf8",
      timeout: 110_000,
    });
    const result = JSON.parse(readFileSync(out, "utf8")) as {
      steps: string[];
      error?: string;
      diagnostics: { lnum: number; severity: number; message: string; code: string; source: string }[];
      hover?: string;
      afterRename: string[];
    };
    expect(result.error, `${run.stderr}\n${run.stdout}`).toBeUndefined();
    expect(result.steps).toEqual(["attached", "diagnostics", "hover", "rename", "stopped"]);

    // the same diagnostics as the workbench's language service: line, severity, code and Chinese message
    const doc = createDocument(text, file);
    const expected = diagnostics(doc).map((d) => ({ lnum: d.range.start.line - 1, severity: { error: 1, warning: 2, info: 3, hint: 4 }[d.severity], message: d.message, code: d.code }));
    const seen = result.diagnostics.map(({ lnum, severity, message, code }) => ({ lnum, severity, message, code }));
    const order = (a: { lnum: number; message: string }, b: { lnum: number; message: string }) => a.lnum - b.lnum || a.message.localeCompare(b.message);
    expect(seen.sort(order)).toEqual(expected.sort(order));
    expect(seen.some((d) => d.code === "ZS2001" && d.message.includes("协同评分"))).toBe(true);

    // the hover Neovim received is the language service's for the same place
    const at = text.indexOf("活动次数 3次及以上", text.indexOf("\n评价体系")) + 8;
    expect(result.hover).toBe(hover(doc, at)!.contents);

    // the rename reached the rubric, its sample data and the concept table (Neovim wrote them)
    const renamed = readFileSync(file, "utf8");
    expect(renamed).toContain("年度服务企业家次 达1500家次得15分");
    expect(renamed).toContain("  年度服务企业家次：计数 家次");
    expect(readFileSync(join(rules, "samples/hunan/未注明年度/市州综合窗口平台.csv"), "utf8")).toMatch(/^\uFEFF?名称,年度服务企业家次,/);
    expect(readFileSync(join(rules, "concepts/概念.json"), "utf8")).toContain('"hunan/未注明年度/市州综合窗口平台.zs": "年度服务企业家次"');
    expect(result.afterRename.filter((m) => m.includes("服务企业家次"))).toEqual([]);
  });
});
