/**
 * The 准绳 extension for VS Code: the language (grammar and configuration come from the
 * manifest), the client that starts `zhunsheng lsp`, and two commands that score the rubric in
 * the editor and explain one platform's score (flows.ts).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, ExecuteCommandRequest, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { explainPlatform, scoreRubric, type Memory, type PlatformScore, type Server, type Ui } from "./flows.ts";

let client: LanguageClient | undefined;

/** `zhunsheng` from the setting, else the workspace's own (node_modules/.bin), else the one on PATH. */
function serverCommand(): { command: string; args: string[] } {
  const config = vscode.workspace.getConfiguration("zhunsheng");
  const configured = config.get<string>("server.path")?.trim();
  const args = config.get<string[]>("server.args") ?? ["lsp"];
  if (configured) return { command: configured, args };
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, "node_modules", ".bin", process.platform === "win32" ? "zhunsheng.cmd" : "zhunsheng");
    if (existsSync(local)) return { command: local, args };
  }
  return { command: "zhunsheng", args };
}

const ui: Ui = {
  async pickData(sample, last) {
    type Item = vscode.QuickPickItem & { path?: string };
    const items: Item[] = [];
    if (last) items.push({ label: "上次的数据", description: last, path: last });
    if (sample && sample !== last) items.push({ label: "示例数据", description: sample, path: sample });
    items.push({ label: "选择数据文件…", description: "CSV 或 JSON" });
    const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { placeHolder: "用哪份数据评分？" });
    if (!picked) return undefined;
    if (picked.path) return picked.path;
    const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 平台数据: ["csv", "json"] }, openLabel: "用这份数据评分" });
    return files?.[0]?.fsPath;
  },
  async pickPlatform(platforms: readonly PlatformScore[]) {
    const picked = await vscode.window.showQuickPick(
      platforms.map((p) => ({ label: p.platform, description: p.total === null ? "数据有误" : `${p.total}分${p.grade ? ` ${p.grade}` : ""}`, platform: p })),
      { placeHolder: "查看哪个平台的得分说明？", matchOnDescription: true },
    );
    return picked?.platform;
  },
  async show(title, markdown) {
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: `# ${title}\n\n${markdown}\n` });
    await vscode.commands.executeCommand("markdown.showPreview", doc.uri);
  },
  error(message) {
    void vscode.window.showErrorMessage(message);
  },
};

function activeRubric(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === "zhunsheng") return doc.uri.toString();
  void vscode.window.showWarningMessage("请先打开一个评价体系文件（.zs）");
  return undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const { command, args } = serverCommand();
  const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio, options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "zhunsheng" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{zs,csv,json}") },
  };
  client = new LanguageClient("zhunsheng", "准绳语言服务器", serverOptions, clientOptions);
  const server: Server = {
    execute: (name, params) => client!.sendRequest(ExecuteCommandRequest.type, { command: name, arguments: params }) as Promise<never>,
  };
  const memory: Memory = new Map();
  context.subscriptions.push(
    vscode.commands.registerCommand("zhunsheng.scoreRubric", async () => {
      const uri = activeRubric();
      if (uri) await scoreRubric(server, ui, memory, uri);
    }),
    vscode.commands.registerCommand("zhunsheng.explainPlatform", async () => {
      const uri = activeRubric();
      if (uri) await explainPlatform(server, ui, memory, uri);
    }),
    vscode.commands.registerCommand("zhunsheng.restartServer", () => client?.restart()),
  );
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(`无法启动准绳语言服务器（${command} ${args.join(" ")}）：${e instanceof Error ? e.message : String(e)}。请安装 zhunsheng 命令行或在设置 zhunsheng.server.path 中指定。`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
