/** The process around `main`: real streams, the exit code. */
import { main } from "./main.ts";

export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
}
