/**
 * Registers the .zs language with Monaco: a lexical highlighter from the keyword table, and
 * every editor feature answered by the language service in the analysis worker.
 */
import type { Range as ZsRange, Severity } from "@zhunsheng/core";
import type { AnalysisClient } from "../lib/workers.ts";
import type { AnalysisMethods, CaseResult } from "../protocol.ts";
import { monaco } from "./monaco.ts";

export const LANGUAGE_ID = "zhunsheng";

/** Monaco model URI ↔ the workbench's document URI. */
export function uriOf(model: monaco.editor.ITextModel): string {
  return model.uri.toString(true);
}

export function toMonacoRange(r: ZsRange): monaco.IRange {
  return { startLineNumber: r.start.line, startColumn: r.start.column, endLineNumber: r.end.line, endColumn: r.end.column };
}

function toZsRange(model: monaco.editor.ITextModel, r: monaco.IRange): ZsRange {
  const s = model.getOffsetAt({ lineNumber: r.startLineNumber, column: r.startColumn });
  const e = model.getOffsetAt({ lineNumber: r.endLineNumber, column: r.endColumn });
  return { start: { offset: s, line: r.startLineNumber, column: r.startColumn }, end: { offset: e, line: r.endLineNumber, column: r.endColumn } };
}

export const SEVERITY: Record<Severity, monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
  hint: monaco.MarkerSeverity.Hint,
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alt = (words: string[]) => new RegExp(words.map(escapeRe).join("|"));

/** What the language's code lenses need from the workbench: each file's 用例 results and ▶ 运行. */
export interface CaseLensSource {
  cases(uri: string): readonly CaseResult[];
  /** Fires when a file's case results change. */
  onDidChange: monaco.IEvent<void>;
  runCase(uri: string, index: number): void;
  /** F2 renamed an input: the datasets that go with the file rename its column. */
  inputRenamed?(uri: string, from: string, to: string): void;
}

/** Registers the language and its providers once; `version` tells whether a model's text reached the worker. */
export async function registerLanguage(client: AnalysisClient, cases?: CaseLensSource): Promise<void> {
  monaco.languages.register({ id: LANGUAGE_ID, extensions: [".zs"], aliases: ["准绳", "zhunsheng"] });
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: "#" },
    brackets: [
      ["（", "）"],
      ["(", ")"],
      ["「", "」"],
    ],
    autoClosingPairs: [
      { open: "（", close: "）" },
      { open: "(", close: ")" },
      { open: "「", close: "」" },
    ],
    wordPattern: /-?\d+(?:\.\d+)?|[^\s，。、；：,;:（）()「」～~#0-9０-９]+/g,
  });
  const kw = await client.request("keywords", {});
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, {
    tokenizer: {
      root: [
        [/#.*$/, "comment"],
        [/^(\s*)(地区|年度|平台类型|考评期|来源|状态|精度|描述|概念|注)([：:])(.*)$/, ["", "keyword", "", "string"]],
        [/^(评价体系|用例)(\s.*)$/, ["keyword", "name"]],
        [/「[^」]*」/, "name"],
        [/[0-9０-９]+(?:[.．][0-9０-９]+)?/, { token: "number", next: "@unit" }],
        [alt(kw.comparatives), "comparative"],
        [alt(kw.types), "type"],
        [alt(kw.keywords), "keyword"],
        [/[+\-×÷*/=～~]/, "operator"],
      ],
      unit: [[alt(kw.units), "unit", "@pop"], [/(?:)/, "", "@pop"]],
    },
  });
  monaco.editor.defineTheme("zs-light", {
    base: "vs",
    inherit: true,
    rules: [
      { token: "keyword", foreground: "0000c0", fontStyle: "bold" },
      { token: "comparative", foreground: "a31515", fontStyle: "bold" },
      { token: "number", foreground: "098658" },
      { token: "unit", foreground: "098658" },
      { token: "input", foreground: "001080" },
      { token: "indicator", foreground: "795e26", fontStyle: "bold" },
      { token: "category", foreground: "af00db", fontStyle: "bold" },
      { token: "type", foreground: "267f99" },
      { token: "value", foreground: "0070c1" },
      { token: "string", foreground: "6a6a6a" },
      { token: "comment", foreground: "008000", fontStyle: "italic" },
      { token: "operator", foreground: "000000" },
      { token: "name", foreground: "1f1f1f" },
    ],
    colors: {},
  });
  // the editor may have been created before the theme was defined
  monaco.editor.setTheme("zs-light");

  const offset = (model: monaco.editor.ITextModel, p: monaco.IPosition) => model.getOffsetAt(p);
  // a model the worker does not know (closed meanwhile, or a diff's other side) gets no answer, silently
  const ask = <M extends keyof AnalysisMethods>(method: M, params: AnalysisMethods[M]["params"], fallback: AnalysisMethods[M]["result"]) =>
    client.request(method, params).catch(() => fallback);

  if (cases) {
    // ▶ 运行 on every 用例 line, with its result beside it (the checker's, on the current text)
    monaco.editor.registerCommand("zhunsheng.runCase", (_accessor, uri: string, index: number) => cases.runCase(uri, index));
    const changed = new monaco.Emitter<monaco.languages.CodeLensProvider>();
    const provider: monaco.languages.CodeLensProvider = {
      onDidChange: changed.event,
      provideCodeLenses: (model) => {
        const uri = uriOf(model);
        const lenses = cases.cases(uri).flatMap((c, index) => {
          const range = { startLineNumber: c.line, startColumn: 1, endLineNumber: c.line, endColumn: 1 };
          return [
            { range, command: { id: "zhunsheng.runCase", title: "▶ 运行", tooltip: `运行用例「${c.name}」，在「说明」中查看每一分的来历`, arguments: [uri, index] } },
            { range, command: { id: "", title: c.passed ? `✓ 通过：${c.summary}` : `✗ 未通过：${c.summary}${c.failures > 1 ? `（另有${c.failures - 1}处）` : ""}` } },
          ];
        });
        return { lenses, dispose: () => undefined };
      },
    };
    cases.onDidChange(() => changed.fire(provider));
    monaco.languages.registerCodeLensProvider(LANGUAGE_ID, provider);
  }

  monaco.languages.registerDocumentSemanticTokensProvider(LANGUAGE_ID, {
    getLegend: () => ({ tokenTypes: kw.tokenTypes, tokenModifiers: kw.tokenModifiers }),
    provideDocumentSemanticTokens: async (model) => ({ data: await ask("semanticTokens", { uri: uriOf(model) }, new Uint32Array()) }),
    releaseDocumentSemanticTokens: () => undefined,
  });

  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover: async (model, position) => {
      const h = await ask("hover", { uri: uriOf(model), offset: offset(model, position) }, undefined);
      return h ? { range: toMonacoRange(h.range), contents: [{ value: h.contents, isTrusted: false, supportHtml: false }] } : null;
    },
  });

  const KIND: Record<string, monaco.languages.CompletionItemKind> = {
    keyword: monaco.languages.CompletionItemKind.Keyword,
    comparative: monaco.languages.CompletionItemKind.Operator,
    input: monaco.languages.CompletionItemKind.Variable,
    unit: monaco.languages.CompletionItemKind.Unit,
    type: monaco.languages.CompletionItemKind.TypeParameter,
    snippet: monaco.languages.CompletionItemKind.Snippet,
  };
  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "每", "：", ":"],
    provideCompletionItems: async (model, position) => {
      const items = await ask("complete", { uri: uriOf(model), offset: offset(model, position) }, []);
      return {
        suggestions: items.map((i) => ({
          label: i.label,
          kind: KIND[i.kind] ?? monaco.languages.CompletionItemKind.Text,
          insertText: i.insertText,
          insertTextRules: i.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          detail: i.detail,
          documentation: i.documentation,
          sortText: i.sortText,
          range: toMonacoRange(i.range),
        })),
      };
    },
  });

  monaco.languages.registerDefinitionProvider(LANGUAGE_ID, {
    provideDefinition: async (model, position) => {
      const r = await ask("definition", { uri: uriOf(model), offset: offset(model, position) }, undefined);
      return r ? { uri: model.uri, range: toMonacoRange(r) } : null;
    },
  });
  monaco.languages.registerReferenceProvider(LANGUAGE_ID, {
    provideReferences: async (model, position) => {
      const rs = await ask("references", { uri: uriOf(model), offset: offset(model, position) }, []);
      return rs.map((r) => ({ uri: model.uri, range: toMonacoRange(r) }));
    },
  });
  monaco.languages.registerRenameProvider(LANGUAGE_ID, {
    resolveRenameLocation: async (model, position) => {
      const r = await ask("prepareRename", { uri: uriOf(model), offset: offset(model, position) }, undefined);
      if (!r) return { range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column), text: "", rejectReason: "只能重命名已声明的输入" };
      return { range: toMonacoRange(r.range), text: r.text };
    },
    provideRenameEdits: async (model, position, newName) => {
      const old = await ask("prepareRename", { uri: uriOf(model), offset: offset(model, position) }, undefined);
      const r = await ask("rename", { uri: uriOf(model), offset: offset(model, position), newName }, { error: "文档已关闭" });
      if ("error" in r) return { edits: [], rejectReason: r.error };
      if (old && old.text !== newName) cases?.inputRenamed?.(uriOf(model), old.text, newName);
      return { edits: r.edits.map((e) => ({ resource: model.uri, versionId: undefined, textEdit: { range: toMonacoRange(e.range), text: e.newText } })) };
    },
  });
  monaco.languages.registerDocumentSymbolProvider(LANGUAGE_ID, {
    displayName: "准绳大纲",
    provideDocumentSymbols: async (model) => {
      const KINDS: Record<string, monaco.languages.SymbolKind> = {
        rubric: monaco.languages.SymbolKind.File,
        inputs: monaco.languages.SymbolKind.Namespace,
        input: monaco.languages.SymbolKind.Variable,
        category: monaco.languages.SymbolKind.Class,
        bonus: monaco.languages.SymbolKind.Class,
        indicator: monaco.languages.SymbolKind.Method,
        grades: monaco.languages.SymbolKind.Enum,
        grade: monaco.languages.SymbolKind.EnumMember,
        vetoes: monaco.languages.SymbolKind.Event,
        eligibility: monaco.languages.SymbolKind.Interface,
        case: monaco.languages.SymbolKind.Constant,
      };
      const symbols = await ask("symbols", { uri: uriOf(model) }, []);
      const convert = (s: (typeof symbols)[number]): monaco.languages.DocumentSymbol => ({
        name: s.name,
        detail: s.detail,
        kind: KINDS[s.kind] ?? monaco.languages.SymbolKind.Object,
        tags: [],
        range: toMonacoRange(s.range),
        selectionRange: toMonacoRange(s.selectionRange),
        children: s.children.map(convert),
      });
      return symbols.map(convert);
    },
  });
  monaco.languages.registerFoldingRangeProvider(LANGUAGE_ID, {
    provideFoldingRanges: async (model) => {
      const fs = await ask("folding", { uri: uriOf(model) }, []);
      return fs.map((f) => ({ start: f.startLine, end: f.endLine, kind: f.kind === "comment" ? monaco.languages.FoldingRangeKind.Comment : monaco.languages.FoldingRangeKind.Region }));
    },
  });
  monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
    displayName: "准绳格式化（zhunsheng fmt）",
    provideDocumentFormattingEdits: async (model) => {
      const edits = await ask("format", { uri: uriOf(model) }, []);
      return edits.map((e) => ({ range: toMonacoRange(e.range), text: e.newText }));
    },
  });
  monaco.languages.registerCodeActionProvider(LANGUAGE_ID, {
    provideCodeActions: async (model, range) => {
      const actions = await ask("codeActions", { uri: uriOf(model), range: toZsRange(model, range) }, []);
      return {
        actions: actions.map((a) => ({
          title: a.title,
          kind: "quickfix",
          isPreferred: a.preferred,
          diagnostics: [],
          edit: { edits: a.edits.map((e) => ({ resource: model.uri, versionId: undefined, textEdit: { range: toMonacoRange(e.range), text: e.newText } })) },
        })),
        dispose: () => undefined,
      };
    },
  });
}

