/**
 * Builds the packages (incremental `tsc -b`: about a second when nothing changed) before the
 * unit project runs, so that tests starting the CLI as a process run today's code, not a stale dist/.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("../", import.meta.url));
  try {
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-b", `${root}tsconfig.build.json`], { cwd: root, stdio: "pipe" });
  } catch (e) {
    const out = (e as { stdout?: Buffer }).stdout?.toString() ?? "";
    throw new Error(`npm run build failed:\n${out}`);
  }
}
