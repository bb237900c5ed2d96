/** `zhunsheng lsp`: the language server over stdio (@zhunsheng/lsp); returns when the editor says exit. */
import { EXIT } from "../io.ts";

export async function run(): Promise<number> {
  // loaded only here: the other commands do not pay for the protocol library
  const { startServer } = await import("@zhunsheng/lsp");
  await startServer(process.stdin, process.stdout);
  return EXIT.ok;
}
