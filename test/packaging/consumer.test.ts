/**
 * The packages as someone outside the repository gets them (issue 13): `npm pack` of every
 * package, the tarballs installed into a fresh project, the README examples type-checked there
 * with strict NodeNext settings against the shipped declarations, compiled and run with Node,
 * and the installed `zhunsheng` bin scoring a rubric from built JavaScript.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const PACKAGES = ["grammar", "packages/data", "packages/core", "packages/language-service", "packages/lsp", "packages/publish", "packages/cli"];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}

let work: string;
let packed: Packed[];
let project: string;

/** The first ```ts block of a package README: the documented example, run as written. */
const readmeExample = (pkg: string) => /```ts\n([\s\S]*?)```/.exec(readFileSync(join(root, pkg, "README.md"), "utf8"))![1]!;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "zs-consumer-"));
  const out = execFileSync(npm, ["pack", "--json", "--pack-destination", work, ...PACKAGES.flatMap((p) => ["-w", p])], { cwd: root, encoding: "utf8" });
  packed = JSON.parse(out) as Packed[];
  project = join(work, "project");
  mkdirSync(project);
  const dependencies = Object.fromEntries(packed.map((p) => [p.name, `file:${join(work, p.filename)}`]));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies }, null, 2));
  // the registry's packages come from the npm cache that `npm ci` filled
  execFileSync(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: project, stdio: "pipe" });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("npm pack", () => {
  it("ships built JavaScript, declarations, a license and a README — no sources, no build state", () => {
    expect(packed.map((p) => p.name).sort()).toEqual(["@zhunsheng/core", "@zhunsheng/data", "@zhunsheng/grammar", "@zhunsheng/language-service", "@zhunsheng/lsp", "@zhunsheng/publish", "zhunsheng"]);
    for (const p of packed) {
      const files = p.files.map((f) => f.path);
      expect(files, p.name).toEqual(expect.arrayContaining(["package.json", "LICENSE", "README.md", "dist/index.js", "dist/index.d.ts"]));
      expect(files.filter((f) => f.startsWith("src/") || f.endsWith(".tsbuildinfo") || (f.endsWith(".ts") && !f.endsWith(".d.ts"))), p.name).toEqual([]);
    }
  });
});

describe("a project that installs the tarballs", () => {
  it("type-checks and runs the README examples of core and the language service against the shipped declarations", () => {
    const core = `${readmeExample("packages/core")}\nconsole.log(JSON.stringify({ total: verdict.total, categories: verdict.categories, indicators: verdict.indicators, diagnostics: analysis.diagnostics.length }));\n`;
    const ls = `${readmeExample("packages/language-service")}\nconsole.log(JSON.stringify({ diagnostics: diagnostics(doc).length, hover: hover(doc, text.indexOf("1500"))?.contents ?? "", completions: complete(doc, text.length).length, rename: rename(doc, text.indexOf("服务企业家次"), "服务企业次数") }));\n`;
    // every package's public entry point, imported by name, so a broken declaration anywhere fails here
    const api = [
      `import { KEYWORDS, parseCst } from "@zhunsheng/grammar";`,
      `import { analyze, compile, type Verdict, type Explanation } from "@zhunsheng/core";`,
      `import { officialTable, tableMarkdown } from "@zhunsheng/publish";`,
      `import { main, verdictJson, type VerdictJson } from "zhunsheng";`,
      `import { findPlatformColumn, type DataRow } from "@zhunsheng/data";`,
      `import { openDataFile } from "@zhunsheng/data/node";`,
      `const platformColumn = findPlatformColumn(["平台名称", "人数"]);`,
      `const rows: DataRow[] = []; void openDataFile; void rows;`,
      `const r = analyze("评价体系 示例\\n").rubric;`,
      `const v: Verdict | undefined = r && compile(r).score({});`,
      `const j: VerdictJson | undefined = v && verdictJson(v, "甲");`,
      `const e: Explanation | undefined = r && compile(r).explain({});`,
      `console.log(JSON.stringify({ keywords: KEYWORDS.length > 0, cst: parseCst("评价体系 示例\\n").syntaxErrors.length, table: r ? tableMarkdown(officialTable(r)).length > 0 : false, main: typeof main, j: j?.platform, e: e?.label, platformColumn }));`,
    ].join("\n");
    writeFileSync(join(project, "core-example.ts"), core);
    writeFileSync(join(project, "ls-example.ts"), ls);
    writeFileSync(join(project, "api.ts"), api + "\n");
    writeFileSync(join(project, "data-example.ts"), readmeExample("packages/data"));
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false, types: [], lib: ["ES2023", "DOM"], outDir: "out" },
        files: ["core-example.ts", "ls-example.ts", "api.ts", "data-example.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);

    const run = (file: string) => JSON.parse(execFileSync(process.execPath, [join(project, "out", file)], { cwd: project, encoding: "utf8" }));
    expect(run("core-example.js")).toEqual({
      total: "13",
      categories: [{ name: "平台活跃度", kind: "category", score: "13", max: "15" }],
      indicators: [{ path: "平台活跃度/服务企业数", name: "服务企业数", category: "平台活跃度", score: "13", max: "15" }],
      diagnostics: 0,
    });
    const service = run("ls-example.js");
    expect(service.hover).toContain("《民法典》第一千二百五十九条");
    expect(service.completions).toBeGreaterThan(0);
    expect(service.rename.edits.length).toBeGreaterThanOrEqual(2);
    expect(run("api.js")).toMatchObject({ keywords: true, cst: 0, main: "function", j: "甲", e: expect.any(String), platformColumn: { index: 0, name: "平台名称" } });
    const data = execFileSync(process.execPath, [join(project, "out", "data-example.js")], { cwd: project, encoding: "utf8" });
    expect(data).toContain("平台.csv:3 ZS6003 第3行有4列，表头有3列");
    expect(data).toContain("甲平台 90%");
    expect(data).toContain("'=1+2,-2.5");
  });

  it("has a working zhunsheng bin that scores from built JavaScript", () => {
    writeFileSync(
      join(project, "示例.zs"),
      "评价体系 示例\n  满分：15分\n\n输入\n  服务企业家次：计数 家次 越多越好\n\n类别 平台活跃度（15分）\n\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分，每少100家次减1分（不足一档不计）\n",
    );
    writeFileSync(join(project, "平台.csv"), "名称,服务企业家次\n甲平台,1250\n乙平台,1500\n");
    const bin = join(project, "node_modules/.bin/zhunsheng");
    expect(execFileSync(bin, ["--version"], { cwd: project, encoding: "utf8" })).toBe(`zhunsheng ${JSON.parse(readFileSync(join(root, "packages/cli/package.json"), "utf8")).version}\n`);
    const scores = JSON.parse(execFileSync(bin, ["score", "示例.zs", "--data", "平台.csv", "--json"], { cwd: project, encoding: "utf8" })) as { platform: string; total: string }[];
    expect(scores.map((s) => [s.platform, s.total])).toEqual([
      ["甲平台", "13"],
      ["乙平台", "15"],
    ]);
    const check = spawnSync(bin, ["check", "."], { cwd: project, encoding: "utf8" });
    expect(check.stdout).toContain("检查了1个文件：0个错误");
    expect(check.status).toBe(0);
  });
});
