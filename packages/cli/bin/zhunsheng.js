#!/usr/bin/env node
// The zhunsheng command: runs the built JavaScript in ../dist (`npm run build` writes it;
// `npm ci` in the repository builds it once through the root package's prepare script).
let run;
try {
  ({ run } = await import("../dist/bin.js"));
} catch (e) {
  if (e?.code !== "ERR_MODULE_NOT_FOUND" || !String(e.message).includes("/dist/bin.js")) throw e;
  process.stderr.write("zhunsheng 尚未构建：请在仓库根目录运行 npm run build\n");
  process.exit(2);
}
await run();
