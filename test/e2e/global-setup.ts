/**
 * Once per end-to-end run: make sure Debian's Chromium and the CJK font are there (installing
 * them when this process may), build the workbench once and serve it for every test file.
 * A machine without the browser fails the run with the command to run — never a green run
 * that skipped the browser tests.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { build, preview } from "vite";
import { CHROMIUM, INSTALL_COMMAND, PLAYGROUND, ROOT, freePort, missingBrowserParts } from "./app.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built app's URL and folder, shared by every e2e file. */
    e2eApp: { url: string; outDir: string };
  }
}

function ensureBrowser(): void {
  let missing = missingBrowserParts();
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  if (root && existsSync("/usr/bin/apt-get")) {
    console.log(`e2e: installing ${missing.join(" ")} (apt-get)…`);
    try {
      execFileSync("bash", [join(ROOT, "test/e2e/install-browser.sh")], { stdio: "inherit" });
    } catch {
      // reported below with the command to run
    }
    missing = missingBrowserParts();
  }
  if (missing.length > 0) {
    throw new Error(`端到端测试需要 ${missing.join("、")}（${CHROMIUM}），本机没有，也无法自动安装。请运行：\n  ${INSTALL_COMMAND}\n然后再运行 npm test。`);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBrowser();
  const outDir = mkdtempSync(join(tmpdir(), "zhunsheng-e2e-"));
  const config = { root: PLAYGROUND, configFile: `${PLAYGROUND}/vite.config.ts`, logLevel: "warn" as const, build: { outDir, emptyOutDir: true } };
  const t0 = Date.now();
  await build(config);
  const port = await freePort();
  const server = await preview({ ...config, preview: { port, strictPort: true, host: "127.0.0.1" } });
  console.log(`e2e: built the workbench once in ${((Date.now() - t0) / 1000).toFixed(1)} s, serving it on port ${port}`);
  project.provide("e2eApp", { url: `http://127.0.0.1:${port}/`, outDir });
  return async () => {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  };
}
