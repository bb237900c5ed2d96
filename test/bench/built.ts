/**
 * The built core (packages/core/dist), as the CLI, the language server and the service load it.
 * The bench runs under tsx, whose transform wraps every function it creates in a naming helper:
 * timing the TypeScript sources would time that helper too (about half of parse + check). The
 * bench runs without the `@zhunsheng/source` condition, so that the core's own imports (the
 * grammar's parser, the data reader) are the built ones too.
 */
import { existsSync } from "node:fs";
import type * as Core from "../../packages/core/src/index.ts";

export async function builtCore(): Promise<typeof Core> {
  const dist = new URL("../../packages/core/dist/index.js", import.meta.url);
  if (!existsSync(dist)) throw new Error("packages/core/dist is missing: run `npm run build` first (`npm run bench` does)");
  return (await import(dist.href)) as typeof Core;
}
