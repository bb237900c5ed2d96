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

/** A bug that escaped every command (an error thrown from a callback): still one line, never a stack trace. */
function internalError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`zhunsheng 内部错误：${message}（请报告此问题，并附上命令和输入文件）\n`);
  if (process.env["ZHUNSHENG_DEBUG"] && error instanceof Error && error.stack) process.stderr.write(error.stack + "\n");
  process.exit(EXIT.usage);
}

export async function run(): Promise<void> {
  process.on("uncaughtException", internalError);
  process.on("unhandledRejection", internalError);
  process.stdout.on("error", stdoutFailed);
  // stderr going away too: nothing left to tell anyone
  process.stderr.on("error", () => process.exit(process.exitCode ?? EXIT.usage));
  process.exitCode = await main(process.argv.slice(2), { stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd() });
}
