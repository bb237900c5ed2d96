/**
 * The VS Code extension without VS Code (no editor can be downloaded here): its command flows
 * run against the real `zhunsheng lsp` with a scripted UI, its manifest is checked against the
 * code and the files it names, and the .vsix is built with @vscode/vsce and read back.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainPlatform, scoreRubric, type PlatformScore, type Server, type Ui } from "../../packages/vscode/src/flows.ts";
import { startClient, type TestClient } from "../lsp/client.ts";
import { zipEntries } from "./zip.ts";

const VSCODE = new URL("../../packages/vscode/", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(VSCODE, "package.json"), "utf8")) as {
  main: string;
  contributes: { commands: { command: string }[]; languages: { configuration: string; extensions: string[] }[]; grammars: { path: string; scopeName: string }[] };
};

/** A UI that answers as a user would and records what it was shown. */
function scriptedUi(choose: { data?: string; platform?: (ps: readonly PlatformScore[]) => PlatformScore | undefined }) {
  const shown: { title: string; markdown: string }[] = [];
  const errors: string[] = [];
  const offered: (string | null)[] = [];
  const ui: Ui = {
    pickData: async (sample) => {
      offered.push(sample);
      return choose.data ?? sample ?? undefined;
    },
    pickPlatform: async (ps) => choose.platform?.(ps) ?? ps[0],
    show: async (title, markdown) => void shown.push({ title, markdown }),
    error: (m) => void errors.push(m),
  };
  return { ui, shown, errors, offered };
}

let client: TestClient;
let server: Server;
beforeAll(async () => {
  client = await startClient();
  server = { execute: (command, args) => client.connection.sendRequest("workspace/executeCommand", { command, arguments: args }) };
});
afterAll(async () => {
  if (client) await client.stop();
});

describe("the extension's commands against zhunsheng lsp", () => {
  const HUNAN = "hunan/未注明年度/市州综合窗口平台.zs";

  it("「用数据评分」 offers the rubric's sample data and shows every platform's score", async () => {
    const { ui, shown, errors, offered } = scriptedUi({});
    const memory = new Map<string, string>();
    const result = await scoreRubric(server, ui, memory, client.uri(HUNAN));
    expect(errors).toEqual([]);
    expect(offered).toEqual([join(client.rules, "samples", HUNAN.replace(/\.zs$/, ".csv"))]);
    expect(result!.platforms.length).toBe(70);
    expect(shown[0]!.title).toBe("评分：市州综合窗口平台评价指标体系");
    expect(shown[0]!.markdown.split("\n").filter((l) => l.startsWith("| 示例·")).length).toBe(70);
  });

  it("「查看平台得分说明」 reuses the chosen data and explains the picked platform", async () => {
    const { ui, shown, errors } = scriptedUi({ platform: (ps) => ps.find((p) => p.platform === "示例·株洲市综合窗口平台02") });
    const memory = new Map([[client.uri(HUNAN), join(client.rules, "samples", HUNAN.replace(/\.zs$/, ".csv"))]]);
    const markdown = await explainPlatform(server, ui, memory, client.uri(HUNAN));
    expect(errors).toEqual([]);
    expect(shown[0]!.title).toBe("得分说明：示例·株洲市综合窗口平台02");
    expect(markdown).toMatch(/服务企业家次/);
  });

  it("a rubric with errors is refused with the checker's Chinese message", async () => {
    const rel = "hunan/有错误.zs";
    writeFileSync(join(client.rules, rel), "评价体系 有错误\n输入\n  甲：计数 次\n类别 乙（10分）\n  指标 丙 10分\n    丁 达3次得10分\n");
    const { ui, errors, shown } = scriptedUi({ data: join(client.rules, "samples", HUNAN.replace(/\.zs$/, ".csv")) });
    await scoreRubric(server, ui, new Map(), client.uri(rel));
    expect(shown).toEqual([]);
    expect(errors[0]).toMatch(/^评价体系有\d+个错误，无法评分（第6行：未声明的输入「丁」/);
  });
});

describe("the extension's manifest and package", () => {
  it("declares every command the extension registers, and names files that exist", () => {
    const source = readFileSync(join(VSCODE, "src/extension.ts"), "utf8");
    const registered = [...source.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]).sort();
    expect(manifest.contributes.commands.map((c) => c.command).sort()).toEqual(registered);
    for (const p of [manifest.contributes.languages[0]!.configuration, manifest.contributes.grammars[0]!.path]) expect(existsSync(join(VSCODE, p)), p).toBe(true);
    expect(manifest.contributes.languages[0]!.extensions).toEqual([".zs"]);
    const config = JSON.parse(readFileSync(join(VSCODE, "language-configuration.json"), "utf8")) as { comments: { lineComment: string }; brackets: string[][] };
    expect(config.comments.lineComment).toBe("#");
    expect(config.brackets).toContainEqual(["「", "」"]);
  });

  it("packs a .vsix with @vscode/vsce, offline, holding the bundled client, the grammar and the configuration", () => {
    execFileSync("npm", ["run", "package", "--silent", "-w", "zhunsheng-vscode"], { cwd: join(VSCODE, "../.."), stdio: "pipe", env: { ...process.env, npm_config_offline: "true" } });
    const entries = zipEntries(readFileSync(join(VSCODE, "dist/zhunsheng.vsix")));
    for (const f of ["extension/package.json", "extension/dist/extension.cjs", "extension/syntaxes/zhunsheng.tmLanguage.json", "extension/language-configuration.json", "extension/readme.md", "extension/LICENSE.txt"]) {
      expect(entries, f).toContain(f);
    }
    expect(entries.filter((e) => e.includes("node_modules") || e.endsWith(".ts"))).toEqual([]);
    // the bundle loads nothing from outside but VS Code's API and Node's own modules
    const bundle = readFileSync(join(VSCODE, "dist/extension.cjs"), "utf8");
    const required = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!.replace(/^node:/, "")));
    const builtins = new Set(["vscode", ...builtinModules]);
    expect([...required].filter((r) => !builtins.has(r))).toEqual([]);
    // and it loads as VS Code loads it (require, CommonJS), giving activate and deactivate
    const load = `const M = require("module"); const stub = () => new Proxy(function () {}, { get: (t, k) => (k === "then" ? undefined : stub()), apply: () => stub(), construct: () => stub() });
      const load = M._load; M._load = function (r, ...a) { return r === "vscode" ? stub() : load.call(this, r, ...a); };
      const ext = require(${JSON.stringify(join(VSCODE, "dist/extension.cjs"))}); process.stdout.write(typeof ext.activate + " " + typeof ext.deactivate);`;
    expect(execFileSync(process.execPath, ["-e", load], { encoding: "utf8" })).toBe("function function");
  });
});
