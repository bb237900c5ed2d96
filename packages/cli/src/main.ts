/**
 * `zhunsheng` — the command line front end: finds the command in the table, parses its
 * arguments, runs it, and turns every failure into one line and an exit code (0 clean,
 * 1 findings or bad data, 2 usage or I/O). No stack trace ever reaches the user.
 */
import { readFileSync } from "node:fs";
import { parseCommandArgs } from "./args.ts";
import { commandHelp, COMMANDS, findCommand, globalHelp } from "./commands.ts";
import { CliError, EXIT, type Io } from "./io.ts";

export type { Io } from "./io.ts";

/** The package's version, read from its package.json (one level above src/ and dist/). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Entry point; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    (name === undefined ? io.stderr : io.stdout).write(globalHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v" || name === "-V") {
    io.stdout.write(`zhunsheng ${version()}\n`);
    return EXIT.ok;
  }
  if (name === "help") {
    const topic = rest[0] === undefined ? undefined : findCommand(rest[0]);
    if (rest[0] !== undefined && !topic) return unknownCommand(rest[0], io);
    io.stdout.write(topic ? commandHelp(topic) : globalHelp());
    return EXIT.ok;
  }
  const spec = findCommand(name);
  if (!spec) return unknownCommand(name, io);
  try {
    const args = parseCommandArgs(rest, spec);
    if (args.values["help"]) {
      io.stdout.write(commandHelp(spec));
      return EXIT.ok;
    }
    const command = await spec.load();
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(e.message + "\n");
      return e.exitCode;
    }
    // a bug, not a user error: still one line, with what to report
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`zhunsheng 内部错误：${message}（请报告此问题，并附上命令和输入文件）\n`);
    if (process.env["ZHUNSHENG_DEBUG"] && e instanceof Error && e.stack) io.stderr.write(e.stack + "\n");
    return EXIT.usage;
  }
}

function unknownCommand(name: string, io: Io): number {
  const near = COMMANDS.map((c) => c.command).filter((c) => c.startsWith(name.slice(0, 2)) || name.startsWith(c));
  const hint = name.startsWith("-") ? `未知选项 ${name}` : `未知命令「${name}」${near.length ? `，你是不是想用「${near.join("」「")}」？` : ""}`;
  io.stderr.write(`${hint}（zhunsheng --help 列出全部命令）\n`);
  return EXIT.usage;
}
