/**
 * `zhunsheng lsp` driven as an editor drives it: the real bin as a process, JSON-RPC over stdio
 * (vscode-jsonrpc), on a copy of rules/. Every answer is compared with the language service's
 * own (the workbench's), so the server adds no meaning of its own.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile, dataDigits, format } from "../../packages/core/src/index.ts";
import { recordsOf } from "../data/records.ts";
import { createDocument, diagnostics, hover } from "../../packages/language-service/src/index.ts";
import { startClient, type TestClient } from "./client.ts";

const HUNAN = "hunan/未注明年度/市州综合窗口平台.zs";
const SAMPLE = "samples/hunan/未注明年度/市州综合窗口平台.csv";
const RUBRICS = readFileSync(join(new URL("../../rules/", import.meta.url).pathname, HUNAN), "utf8");

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface LspEdit {
  range: LspRange;
  newText: string;
}

/** LSP position of the `nth` occurrence of `needle` in `text` (plus `shift` characters). */
function at(text: string, needle: string, nth = 0, shift = 1) {
  // past the file's leading comments, which quote the rules
  let i = text.indexOf("\n评价体系") - 1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, i + shift);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}

function offsetOf(text: string, p: { line: number; character: number }): number {
  let o = 0;
  for (let l = 0; l < p.line; l++) o = text.indexOf("\n", o) + 1;
  return o + p.character;
}

/** Applies LSP edits to a text, as an editor does (BOM kept aside). */
function applyLsp(text: string, edits: LspEdit[]): string {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  let body = text.slice(bom.length);
  for (const e of [...edits].sort((a, b) => offsetOf(body, b.range.start) - offsetOf(body, a.range.start))) {
    body = body.slice(0, offsetOf(body, e.range.start)) + e.newText + body.slice(offsetOf(body, e.range.end));
  }
  return bom + body;
}

let client: TestClient;
beforeAll(async () => {
  client = await startClient();
});
afterAll(async () => {
  if (client) expect(await client.stop()).toBe(0);
});

describe("zhunsheng lsp over stdio", () => {
  it("publishes the workbench's diagnostics for every rubric of the folder, without opening any", async () => {
    const files = ["hunan/未注明年度/市州综合窗口平台.zs", "national/2024/中小企业公共服务规范评价指标.zs", "jiangsu/2020/省级中小企业公共服务示范平台星级认定.zs"];
    for (const rel of files) {
      const published = await client.diagnosticsFor(client.uri(rel));
      const text = readFileSync(join(client.rules, rel), "utf8");
      const expected = diagnostics(createDocument(text, rel));
      expect(published.map((d) => `${d.code} ${d.severity} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)).toEqual(
        expected.map((d) => `${d.code} ${{ error: 1, warning: 2, info: 3, hint: 4 }[d.severity]} ${d.range.start.line}:${d.range.start.column} ${d.message}`),
      );
      expect(published.every((d) => d.source === "准绳")).toBe(true);
    }
  });

  it("reports an edit's problems with their codes and offers the checker's quick fixes", async () => {
    const uri = client.uri(HUNAN);
    const text = RUBRICS.replace("服务企业家次 达1500家次得15分", "服务企业家数 达1500家次得15分");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "zhunsheng", version: 1, text } });
    const published = await client.diagnosticsFor(uri, (ds) => ds.some((d) => d.code === "ZS2001"));
    const undeclared = published.find((d) => d.code === "ZS2001")!;
    expect(undeclared.message).toContain("服务企业家数");
    expect(undeclared.severity).toBe(1);
    const actions = await client.connection.sendRequest<{ title: string; kind: string; isPreferred: boolean; edit: { changes: Record<string, LspEdit[]> } }[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: undeclared.range,
      context: { diagnostics: [undeclared] },
    });
    expect(actions.length).toBeGreaterThan(0);
    const preferred = actions.find((a) => a.isPreferred)!;
    expect(preferred.title).toContain("服务企业家次");
    expect(preferred.kind).toBe("quickfix");
    const fixed = applyLsp(text, preferred.edit.changes[uri]!);
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    await client.diagnosticsFor(uri, (ds) => !ds.some((d) => d.code === "ZS2001"));
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  });

  it("a no-break space pasted into a name: one ZS1001 naming it, whose preferred quick fix joins the name", async () => {
    const uri = client.uri(HUNAN);
    const text = RUBRICS.replace("服务企业家次 达1500家次得15分", "服务企业\u00a0家次 达1500家次得15分");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "zhunsheng", version: 1, text } });
    const published = await client.diagnosticsFor(uri, (ds) => ds.some((d) => d.code === "ZS1001"));
    const spaced = published.filter((d) => d.severity === 1);
    expect(spaced.map((d) => d.message)).toEqual(["语法错误：「服务企业\u00a0家次」中间有空格（U+00A0 不换行空格）：名称中不能有空格，请连写为「服务企业家次」"]);
    const actions = await client.connection.sendRequest<{ title: string; isPreferred: boolean; edit: { changes: Record<string, LspEdit[]> } }[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: spaced[0]!.range,
      context: { diagnostics: spaced },
    });
    const preferred = actions.find((a) => a.isPreferred)!;
    expect(preferred.title).toBe("删除空格，连写为「服务企业家次」");
    const fixed = applyLsp(text, preferred.edit.changes[uri]!);
    expect(fixed).toBe(RUBRICS);
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    await client.diagnosticsFor(uri, (ds) => !ds.some((d) => d.severity === 1));
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  });

  it("a name in curly quotes: one ZS1007 whose preferred quick fix writes 「」", async () => {
    const uri = client.uri(HUNAN);
    const text = RUBRICS.replace("指标 「服务企业数（家次）」15分", "指标 “服务企业数（家次）”15分");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "zhunsheng", version: 1, text } });
    const published = await client.diagnosticsFor(uri, (ds) => ds.some((d) => d.code === "ZS1007"));
    const quoted = published.filter((d) => d.severity === 1);
    expect(quoted.map((d) => `${d.code} ${d.message}`)).toEqual(["ZS1007 名称须用「」括起：“服务企业数（家次）”请写作「服务企业数（家次）」"]);
    const actions = await client.connection.sendRequest<{ title: string; isPreferred: boolean; edit: { changes: Record<string, LspEdit[]> } }[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: quoted[0]!.range,
      context: { diagnostics: quoted },
    });
    const preferred = actions.find((a) => a.isPreferred)!;
    expect(preferred.title).toBe("改用「」括起：「服务企业数（家次）」");
    expect(applyLsp(text, preferred.edit.changes[uri]!)).toBe(RUBRICS);
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  });

  it("answers hover, completion, definition, references, symbols, folding, semantic tokens and formatting", async () => {
    const uri = client.uri(HUNAN);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "zhunsheng", version: 1, text: RUBRICS } });
    const req = <T>(method: string, params: object) => client.connection.sendRequest<T>(method, { textDocument: { uri }, ...params });

    const pos = at(RUBRICS, "活动次数 3次及以上", 0, 8);
    const h = await req<{ contents: { kind: string; value: string } } | null>("textDocument/hover", { position: pos });
    const own = hover(createDocument(RUBRICS), offsetOf(RUBRICS, pos));
    expect(h?.contents.kind).toBe("markdown");
    expect(h?.contents.value).toBe(own?.contents);
    expect(h?.contents.value).toMatch(/≥/);

    const withNumber = RUBRICS.replace("服务企业家次 达1500家次得15分", "服务企业家次 达1500");
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: withNumber }] });
    const items = await req<{ label: string; kind: number }[]>("textDocument/completion", { position: at(withNumber, "达1500", 0, 5) });
    expect(items.map((i) => i.label)).toContain("家次");
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: [{ text: RUBRICS }] });

    const use = at(RUBRICS, "服务企业家次 达1500");
    const def = await req<{ uri: string; range: LspRange }>("textDocument/definition", { position: use });
    expect(def.uri).toBe(uri);
    expect(def.range.start).toEqual(at(RUBRICS, "服务企业家次：计数", 0, 0));
    const refs = await req<{ range: LspRange }[]>("textDocument/references", { position: use, context: { includeDeclaration: true } });
    expect(refs.length).toBe(RUBRICS.split("服务企业家次").length - 1 - (RUBRICS.match(/#[^\n]*服务企业家次/g)?.length ?? 0));

    const symbols = await req<{ name: string; children: { name: string }[] }[]>("textDocument/documentSymbol", {});
    expect(symbols.map((s) => s.name)).toContain("平台活跃度");
    const folds = await req<{ startLine: number; endLine: number }[]>("textDocument/foldingRange", {});
    expect(folds.length).toBeGreaterThan(5);
    const tokens = await req<{ data: number[] }>("textDocument/semanticTokens/full", {});
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.length).toBeGreaterThan(100);

    const messy = RUBRICS.replace("类别 平台活跃度", "类别   平台活跃度");
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 4 }, contentChanges: [{ text: messy }] });
    const formatted = await req<LspEdit[]>("textDocument/formatting", { options: { tabSize: 2, insertSpaces: true } });
    expect(applyLsp(messy, formatted)).toBe(format(messy).text);
    expect(applyLsp(messy, formatted)).toContain("类别 平台活跃度");
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  });

  it("scores the rubric against a dataset and explains a platform, as `zhunsheng score` does", async () => {
    const uri = client.uri(HUNAN);
    const data = await client.connection.sendRequest<string | null>("workspace/executeCommand", { command: "zhunsheng.sampleData", arguments: [uri] });
    expect(data).toBe(join(client.rules, SAMPLE));
    const result = await client.connection.sendRequest<{ platforms: { platform: string; total: string | null }[]; markdown: string }>("workspace/executeCommand", {
      command: "zhunsheng.score",
      arguments: [uri, data],
    });
    const records = recordsOf(data!);
    const a = createDocument(RUBRICS).analysis;
    const scorer = compile(a.rubric!, { dataDigits: dataDigits(a.rubric!, records) });
    expect(result.platforms.map((p) => p.total)).toEqual(records.map((r) => scorer.score(r).total));
    expect(result.markdown).toContain("| 示例·长沙市综合窗口平台01 |");
    const explained = await client.connection.sendRequest<{ markdown: string }>("workspace/executeCommand", { command: "zhunsheng.explain", arguments: [uri, data, "示例·长沙市综合窗口平台01"] });
    expect(explained.markdown).toContain("服务企业家次");
    await expect(client.connection.sendRequest("workspace/executeCommand", { command: "zhunsheng.explain", arguments: [uri, data, "示例·长沙市"] })).rejects.toThrow(/没有名为「示例·长沙市」的平台，你是不是想找/);
  });

  it("renames an input in the rubric, its sample data's header and the concept table", async () => {
    const uri = client.uri(HUNAN);
    const position = at(RUBRICS, "服务企业家次 达1500");
    const prepared = await client.connection.sendRequest<{ placeholder: string }>("textDocument/prepareRename", { textDocument: { uri }, position });
    expect(prepared.placeholder).toBe("服务企业家次");
    const edit = await client.connection.sendRequest<{ changes: Record<string, LspEdit[]> }>("textDocument/rename", { textDocument: { uri }, position, newName: "年度服务企业家次" });
    const csvUri = client.uri(SAMPLE);
    const conceptsUri = client.uri("concepts/概念.json");
    expect(Object.keys(edit.changes).sort()).toEqual([uri, csvUri, conceptsUri].sort());
    // apply the edits to the files, as the editor would, and read them back
    for (const [fileUri, edits] of Object.entries(edit.changes)) {
      const path = new URL(fileUri).pathname;
      writeFileSync(decodeURIComponent(path), applyLsp(readFileSync(decodeURIComponent(path), "utf8"), edits));
    }
    const renamed = readFileSync(join(client.rules, HUNAN), "utf8");
    expect(renamed.split("年度服务企业家次").length - 1).toBe(edit.changes[uri]!.length);
    expect(edit.changes[uri]!.length).toBeGreaterThan(2);
    expect(readFileSync(join(client.rules, SAMPLE), "utf8").split("\n")[0]).toMatch(/^(\uFEFF)?名称,年度服务企业家次,/);
    const concepts = JSON.parse(readFileSync(join(client.rules, "concepts/概念.json"), "utf8")) as { 输入对应: { 输入: Record<string, string> }[] };
    expect(concepts.输入对应[0]!.输入["hunan/未注明年度/市州综合窗口平台.zs"]).toBe("年度服务企业家次");
    expect(concepts.输入对应[0]!.输入["hunan/未注明年度/产业集群窗口平台.zs"]).toBe("服务企业家次");
    // the server saw the new file on disk (no editor has it open) and the renamed rubric scores the renamed data alike
    await client.diagnosticsFor(uri, (ds) => !ds.some((d) => d.severity === 1));
    const result = await client.connection.sendRequest<{ platforms: { total: string | null; errors: string[] }[] }>("workspace/executeCommand", {
      command: "zhunsheng.score",
      arguments: [uri, join(client.rules, SAMPLE)],
    });
    expect(result.platforms.flatMap((p) => p.errors)).toEqual([]);
    expect(result.platforms[0]!.total).not.toBeNull();
  });

  it("watches the folder: a rubric written or deleted on disk gets or loses its diagnostics", async () => {
    const rel = "hunan/新体系.zs";
    const path = join(client.rules, rel);
    writeFileSync(path, "评价体系 新体系\n输入\n  甲：计数 次\n类别 乙（10分）\n  指标 丙 10分\n    丁 达3次得10分\n");
    const found = await client.diagnosticsFor(client.uri(rel), (ds) => ds.length > 0);
    expect(found.map((d) => d.code)).toContain("ZS2001");
    rmSync(path);
    await client.diagnosticsFor(client.uri(rel), (ds) => ds.length === 0);
  });

  it("a rubric saved in GBK gets one diagnostic saying so, not the mojibake's syntax errors; saved again in UTF-8 it is checked", async () => {
    const rel = "hunan/旧编码.zs";
    const path = join(client.rules, rel);
    const text = "评价体系 旧编码体系\n输入\n  甲：计数 次\n类别 乙（10分）\n  指标 丙 10分\n    丁 达3次得10分\n";
    // GBK bytes of the text (TextEncoder writes only UTF-8): from the GB18030 table through TextDecoder
    const gbk = encodeGbk(text);
    writeFileSync(path, gbk);
    const found = await client.diagnosticsFor(client.uri(rel), (ds) => ds.length > 0);
    expect(found.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.message])).toEqual([[0, 0, 1, "是 GBK/GB18030 编码的文本，不是 UTF-8，请用 UTF-8 另存后再试"]]);
    writeFileSync(path, text);
    const checked = await client.diagnosticsFor(client.uri(rel), (ds) => ds.some((d) => d.code === "ZS2001"));
    expect(checked.every((d) => !d.message.includes("UTF-8"))).toBe(true);
    rmSync(path);
  });

  it("answers a request that lacks its document or position with a Chinese error, and goes on serving", async () => {
    const uri = client.uri(HUNAN);
    const c = client.connection;
    await expect(c.sendRequest("textDocument/completion", {})).rejects.toThrow(/^请求缺少参数 textDocument\.uri（评价体系文件）$/);
    await expect(c.sendRequest("textDocument/hover", { textDocument: {} })).rejects.toThrow(/^请求缺少参数 textDocument\.uri/);
    await expect(c.sendRequest("textDocument/hover", { textDocument: { uri } })).rejects.toThrow(/^请求缺少参数 position（位置：从0起的行号与列号）$/);
    await expect(c.sendRequest("textDocument/definition", { textDocument: { uri }, position: { line: -1, character: "a" } })).rejects.toThrow(/^请求缺少参数 position/);
    await expect(c.sendRequest("textDocument/rename", { textDocument: { uri }, position: at(RUBRICS, "服务企业家次：") })).rejects.toThrow(/^请求缺少参数 newName/);
    await expect(c.sendRequest("textDocument/codeAction", { textDocument: { uri }, context: { diagnostics: [] } })).rejects.toThrow(/^请求缺少参数 range/);
    await expect(c.sendRequest("textDocument/semanticTokens/full", {})).rejects.toThrow(/^请求缺少参数 textDocument\.uri/);
    // still serving
    const h = (await c.sendRequest("textDocument/hover", { textDocument: { uri }, position: at(RUBRICS, "服务企业家次") })) as { contents: { value: string } } | null;
    expect(h?.contents.value).toContain("服务企业家次");
  });

  it("refuses a rename to a name that is taken, with a Chinese message", async () => {
    const uri = client.uri("hunan/未注明年度/产业集群窗口平台.zs");
    const text = readFileSync(join(client.rules, "hunan/未注明年度/产业集群窗口平台.zs"), "utf8");
    await expect(
      client.connection.sendRequest("textDocument/rename", { textDocument: { uri }, position: at(text, "服务企业家次："), newName: "有效需求条数" }),
    ).rejects.toThrow(/已有名为「有效需求条数」的输入/);
  });
});

/** The GBK bytes of a text of BMP characters, found by decoding every two-byte GBK code once. */
function encodeGbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("gbk");
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (!table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch)!);
  }
  return new Uint8Array(out);
}
