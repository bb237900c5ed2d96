/** @zhunsheng/lsp: the 准绳 language server (`zhunsheng lsp`), the language service over LSP. */
export { serve, startServer, SERVER_NAME } from "./server.ts";
export { COMMANDS, type ScoreResult, type ExplainResult, type PlatformScore } from "./commands.ts";
