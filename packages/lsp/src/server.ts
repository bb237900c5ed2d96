/**
 * `zhunsheng lsp`: the language service behind the Language Server Protocol. Each request is
 * answered by the same function the workbench calls; this file only converts positions and
 * shapes. The whole rules folder is known to the server, so that its diagnostics show for
 * every file and a rename of an input reaches the sample data and the concept table.
 */
import { dirname } from "node:path";
import {
  codeActions,
  complete,
  definition,
  diagnostics,
  documentSymbols,
  encodeSemanticTokens,
  foldingRanges,
  formatDocument,
  hover,
  prepareRename,
  references,
  rename,
  semanticTokens,
  type LanguageDocument,
} from "@zhunsheng/language-service";
import {
  createConnection,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { COMMANDS, CommandError, dataPath, explain, sampleData, score } from "./commands.ts";
import { codeAction, completion, diagnostic, edit, folding, LEGEND, offset, range, symbol } from "./convert.ts";
import { relatedRenameEdits } from "./related-files.ts";
import { pathOf, RulesWorkspace, uriOf } from "./workspace.ts";

export const SERVER_NAME = "准绳语言服务器";

/** Wires the handlers to a connection; returns when the client has said `exit`. */
export function serve(connection: Connection): Promise<void> {
  const editors = new TextDocuments(TextDocument);
  let workspace = new RulesWorkspace(undefined, () => {});
  const pending = new Map<string, NodeJS.Timeout>();

  const publish = (path: string) => {
    const doc = workspace.document(path);
    if (doc) void connection.sendDiagnostics({ uri: uriOf(path), diagnostics: diagnostics(doc).map(diagnostic) });
    else {
      const notText = workspace.notText(path);
      const start = { line: 0, character: 0 };
      if (notText !== undefined) void connection.sendDiagnostics({ uri: uriOf(path), diagnostics: [{ range: { start, end: start }, severity: 1, source: "准绳", message: notText }] });
    }
  };
  const publishSoon = (path: string, delay: number) => {
    clearTimeout(pending.get(path));
    pending.set(path, setTimeout(() => (pending.delete(path), publish(path)), delay));
  };

  /** The analysed document the request is about, or an error the editor shows. */
  const docOf = (uri: string): LanguageDocument => {
    const doc = workspace.document(pathOf(uri));
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `不是评价体系文件：${uri}`);
    return doc;
  };

  /**
   * The document a request names (`textDocument.uri`): a request without it gets a Chinese
   * InvalidParams error, never a TypeError from destructuring what a client left out.
   */
  const named = (p: unknown): { uri: string; doc: LanguageDocument } => {
    const uri = (p as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument?.uri;
    if (typeof uri !== "string") throw new ResponseError(ErrorCodes.InvalidParams, "请求缺少参数 textDocument.uri（评价体系文件）");
    return { uri, doc: docOf(uri) };
  };
  /** The document and the offset of the request's `position`, checked the same way. */
  const located = (p: unknown): { uri: string; doc: LanguageDocument; at: number } => {
    const { uri, doc } = named(p);
    const position: unknown = (p as { position?: unknown }).position;
    if (!isPosition(position)) throw new ResponseError(ErrorCodes.InvalidParams, "请求缺少参数 position（位置：从0起的行号与列号）");
    return { uri, doc, at: offset(doc, position) };
  };

  connection.onInitialize((params): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const root = folder ? pathOf(folder) : undefined;
    workspace = new RulesWorkspace(root, (changed, removed) => {
      for (const p of changed) publish(p);
      for (const p of removed) void connection.sendDiagnostics({ uri: uriOf(p), diagnostics: [] });
    });
    return {
      serverInfo: { name: SERVER_NAME, version: "0.1.0" },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ["每", "：", ":", ..."0123456789"] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: ["quickfix"] },
        semanticTokensProvider: { legend: LEGEND, full: true },
        executeCommandProvider: { commands: [...COMMANDS] },
      },
    };
  });

  connection.onInitialized(() => {
    // every rubric of the folder, so the problems list shows them all from the start
    for (const p of workspace.start()) publishSoon(p, 0);
  });

  editors.onDidOpen((e) => {
    workspace.setOpen(pathOf(e.document.uri), e.document.getText());
    publishSoon(pathOf(e.document.uri), 0);
  });
  editors.onDidChangeContent((e) => {
    workspace.setOpen(pathOf(e.document.uri), e.document.getText());
    publishSoon(pathOf(e.document.uri), 150);
  });
  editors.onDidClose((e) => {
    workspace.close(pathOf(e.document.uri));
    publishSoon(pathOf(e.document.uri), 0);
  });
  connection.onDidChangeWatchedFiles(() => workspace.rescanSoon());

  connection.onHover((p) => {
    const { doc, at } = located(p);
    const h = hover(doc, at);
    return h ? { contents: { kind: "markdown", value: h.contents }, range: range(h.range) } : null;
  });

  connection.onCompletion((p) => {
    const { doc, at } = located(p);
    return complete(doc, at).map(completion);
  });

  connection.onDefinition((p) => {
    const { uri, doc, at } = located(p);
    const r = definition(doc, at);
    return r ? { uri, range: range(r) } : null;
  });

  connection.onReferences((p) => {
    const { uri, doc, at } = located(p);
    return references(doc, at, p.context?.includeDeclaration ?? true).map((r) => ({ uri, range: range(r) }));
  });

  connection.onPrepareRename((p) => {
    const { doc, at } = located(p);
    const target = prepareRename(doc, at);
    return target ? { range: range(target.range), placeholder: target.text } : null;
  });

  connection.onRenameRequest((p): WorkspaceEdit => {
    const { uri, doc, at } = located(p);
    const newName: unknown = p.newName;
    if (typeof newName !== "string") throw new ResponseError(ErrorCodes.InvalidParams, "请求缺少参数 newName（新名称）");
    const target = prepareRename(doc, at);
    const result = rename(doc, at, newName);
    if ("error" in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
    const changes: Record<string, TextEdit[]> = { [uri]: result.edits.map(edit) };
    const path = pathOf(uri);
    const root = workspace.root ?? dirname(path);
    for (const r of relatedRenameEdits(path, root, target!.text, newName.trim(), workspace.read, workspace.exists)) changes[uriOf(r.path)] = r.edits;
    return { changes };
  });

  connection.onDocumentFormatting((p) => formatDocument(named(p).doc).map(edit));
  connection.onDocumentSymbol((p) => documentSymbols(named(p).doc).map(symbol));
  connection.onFoldingRanges((p) => foldingRanges(named(p).doc).map(folding));
  connection.onCodeAction((p) => {
    const { uri, doc } = named(p);
    const r: unknown = p.range;
    if (!isRange(r)) throw new ResponseError(ErrorCodes.InvalidParams, "请求缺少参数 range（起止位置：从0起的行号与列号）");
    const from = offset(doc, r.start);
    const to = offset(doc, r.end);
    const asRange = { start: { offset: from, line: 0, column: 0 }, end: { offset: to, line: 0, column: 0 } };
    return codeActions(doc, asRange).map((a) => codeAction(a, uri));
  });
  connection.languages.semanticTokens.on((p) => ({ data: [...encodeSemanticTokens(semanticTokens(named(p).doc))] }));

  connection.onExecuteCommand(async ({ command, arguments: args = [] }) => {
    const [uri, data, platform] = args as unknown[];
    if (typeof uri !== "string") throw new ResponseError(ErrorCodes.InvalidParams, "缺少参数：评价体系文件");
    const path = pathOf(uri);
    try {
      switch (command) {
        case "zhunsheng.sampleData":
          return sampleData(path, workspace.root ?? dirname(path), workspace.exists);
        case "zhunsheng.score":
          if (typeof data !== "string") throw new CommandError("缺少参数：数据文件");
          return await score(docOf(uri), path, dataPath(path, data));
        case "zhunsheng.explain":
          if (typeof data !== "string" || typeof platform !== "string") throw new CommandError("缺少参数：数据文件和平台名称");
          return await explain(docOf(uri), dataPath(path, data), platform);
        default:
          throw new CommandError(`未知的命令：${command}`);
      }
    } catch (e) {
      if (e instanceof CommandError) throw new ResponseError(ErrorCodes.InvalidParams, e.message);
      throw e;
    }
  });

  editors.listen(connection);
  return new Promise((resolve) => {
    connection.onShutdown(() => workspace.stop());
    connection.onExit(() => {
      workspace.stop();
      resolve();
    });
    connection.listen();
  });
}

function isPosition(p: unknown): p is { line: number; character: number } {
  if (typeof p !== "object" || p === null) return false;
  const { line, character } = p as { line?: unknown; character?: unknown };
  return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0;
}

function isRange(r: unknown): r is { start: { line: number; character: number }; end: { line: number; character: number } } {
  return typeof r === "object" && r !== null && isPosition((r as { start?: unknown }).start) && isPosition((r as { end?: unknown }).end);
}

/** Serves over the given streams (stdio for `zhunsheng lsp`). */
export function startServer(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  return serve(createConnection(input, output));
}
