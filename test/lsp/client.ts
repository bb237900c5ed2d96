/**
 * A protocol client for the tests: starts `zhunsheng lsp` as a process (through the real bin)
 * on a copy of rules/, and speaks JSON-RPC to it over stdio with vscode-jsonrpc.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const BIN = join(ROOT, "packages/cli/bin/zhunsheng.js");

interface PublishedDiagnostics {
  uri: string;
  diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; code: string; source: string; message: string }[];
}

export interface TestClient {
  connection: MessageConnection;
  rules: string;
  uri: (rel: string) => string;
  /** The latest diagnostics published for each uri. */
  published: Map<string, PublishedDiagnostics["diagnostics"]>;
  /** Resolves with the first publication for `uri` that `accept` takes (also one already received). */
  diagnosticsFor: (uri: string, accept?: (d: PublishedDiagnostics["diagnostics"]) => boolean, ms?: number) => Promise<PublishedDiagnostics["diagnostics"]>;
  stop: () => Promise<number | null>;
  stderr: () => string;
}

/** A fresh copy of rules/ in a temporary folder (the tests rename and write files in it). */
export function copyRules(): string {
  const dir = mkdtempSync(join(tmpdir(), "zhunsheng-lsp-"));
  cpSync(join(ROOT, "rules"), join(dir, "rules"), { recursive: true });
  return join(dir, "rules");
}

export async function startClient(rules = copyRules()): Promise<TestClient> {
  const child = spawn(process.execPath, [BIN, "lsp"], { cwd: rules, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map<string, PublishedDiagnostics["diagnostics"]>();
  const waiters: { uri: string; accept: (d: PublishedDiagnostics["diagnostics"]) => boolean; resolve: (d: PublishedDiagnostics["diagnostics"]) => void }[] = [];
  connection.onNotification("textDocument/publishDiagnostics", (p: PublishedDiagnostics) => {
    published.set(p.uri, p.diagnostics);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.listen();
  const rootUri = pathToFileURL(rules).href;
  await connection.sendRequest("initialize", { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: "rules" }], capabilities: {} });
  await connection.sendNotification("initialized", {});
  return {
    connection,
    rules,
    uri: (rel) => pathToFileURL(join(rules, rel)).href,
    published,
    diagnosticsFor: (uri, accept = () => true, ms = 60_000) =>
      new Promise((resolve, reject) => {
        const now = published.get(uri);
        if (now && accept(now)) return resolve(now);
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${ms} ms; stderr: ${stderr}`)), ms);
        waiters.push({ uri, accept, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      }),
    stop: async () => {
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      const code = await exited;
      connection.dispose();
      return code;
    },
    stderr: () => stderr,
  };
}
