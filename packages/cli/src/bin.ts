/**
 * The process around `main`: the real streams and the exit code. A reader that goes away
 * (`zhunsheng check rules/ | head -1`) ends the command quietly; any other failure to write
 * to stdout (a full disk behind `> file`) is one line on stderr and exit 2.
 */
import { EXIT, ioMessage, type Output } from "./io.ts";
import { main } from "./main.ts";

function stdoutFailed(error: unknown): never {
  if ((error as NodeJS.ErrnoException).code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
  try {
    process.stderr.write(ioMessage(error, "标准输出", true) + "\n");
  } finally {
    process.exit(EXIT.usage);
  }
}

/** process.stdout, with write errors (synchronous for files, emitted for pipes) handled once. */
const stdout: Output = {
  write(chunk) {
    try {
      return process.stdout.write(chunk);
    } catch (e) {
      return stdoutFailed(e);
    }
  },
  once(event, listener) {
    return process.stdout.once(event, listener);
  },
};

export async function run(): Promise<void> {
  process.stdout.on("error", stdoutFailed);
  // stderr going away too: nothing left to tell anyone
  process.stderr.on("error", () => process.exit(process.exitCode ?? EXIT.usage));
  process.exitCode = await main(process.argv.slice(2), { stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd() });
}
