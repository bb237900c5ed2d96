/**
 * The CLI's contact with the world: reading files (or stdin for `-`), writing results (to
 * stdout or a file), and turning every operating-system error into one Chinese line that names
 * the file. Commands never see an errno; they see a `CliError` with its exit code.
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { decodeUtf8Text } from "@zhunsheng/data";

/** Where output goes: process.stdout in the bin, a string collector in tests. */
export interface Output {
  /** Returns false when the stream wants the writer to wait for "drain" (Node's Writable contract). */
  write(chunk: string | Uint8Array): unknown;
  once?(event: "drain", listener: () => void): unknown;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  /** Read by `-`; the bin passes process.stdin. */
  stdin?: AsyncIterable<Uint8Array | string>;
  cwd: string;
}

/** Exit codes (documented in `zhunsheng --help` and the README). */
export const EXIT = {
  /** Clean: no error found, every platform scored. */
  ok: 0,
  /** Findings: rubric errors, failing cases, bad data, an empty folder, a platform that is not there. */
  findings: 1,
  /** The command could not run as asked: usage errors, unreadable or unwritable files. */
  usage: 2,
} as const;

/** A failure to report in one line and end the command with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

/** The name a user knows a path by: `标准输入` for `-`, else as given. */
export const displayName = (path: string) => (path === "-" ? "标准输入" : path);

/** One Chinese line for an operating-system error on `path` (reading unless `writing`). */
export function ioMessage(error: unknown, path: string, writing = false): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const name = displayName(path);
  switch (code) {
    case "ENOENT":
      return writing ? `无法写入：${name}（所在目录不存在）` : `找不到文件：${name}`;
    case "EACCES":
    case "EPERM":
      return writing ? `没有写入权限：${name}` : `没有读取权限：${name}`;
    case "EISDIR":
      return `${name} 是目录，这里需要一个文件`;
    case "ENOTDIR":
      return `路径中有一段不是目录：${name}`;
    case "ELOOP":
      return `符号链接构成循环，无法打开：${name}`;
    case "ENOSPC":
      return `磁盘已满，无法写入：${name}`;
    case "EDQUOT":
      return `超出磁盘配额，无法写入：${name}`;
    case "EROFS":
      return `文件系统只读，无法写入：${name}`;
    case "EMFILE":
    case "ENFILE":
      return `同时打开的文件过多，无法打开：${name}`;
    case "ENAMETOOLONG":
      return `文件名过长：${name}`;
    case "EIO":
      return `读写设备出错：${name}`;
    default:
      return `${writing ? "无法写入" : "无法读取"}：${name}（${code ?? (error as Error | undefined)?.message ?? "未知原因"}）`;
  }
}

/** Bytes of a file, or of stdin for `-`. Throws CliError (exit 2) with one line naming the file. */
export async function readBytes(path: string, io: Io): Promise<Uint8Array> {
  if (path === "-") {
    if (!io.stdin) throw new CliError("没有可读取的标准输入");
    const parts: Uint8Array[] = [];
    for await (const chunk of io.stdin) parts.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    return concat(parts);
  }
  try {
    return new Uint8Array(readFileSync(resolve(io.cwd, path)));
  } catch (e) {
    throw new CliError(ioMessage(e, path));
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Text of a rubric: UTF-8 (with or without BOM) or UTF-16 with a BOM. Anything else is refused
 * with a line saying what the file is (GBK, UTF-16 without its mark, a Word or PDF document…) — a
 * GBK file decoded as UTF-8 would turn every name into replacement characters and be checked as a
 * different rubric. One decision with the language server (@zhunsheng/data decodeUtf8Text).
 */
export function decodeRubricText(bytes: Uint8Array, path: string): string {
  const decoded = decodeUtf8Text(bytes);
  if ("error" in decoded) throw new CliError(`${displayName(path)}：${decoded.error}`, EXIT.usage);
  return decoded.text;
}

export async function readText(path: string, io: Io): Promise<string> {
  return decodeRubricText(await readBytes(path, io), path);
}

/**
 * A sink for results: stdout for `-` or no path, else the file (created or truncated). Writes
 * are buffered into large chunks and wait for "drain" when the stream asks, so a million rows
 * stream through in constant memory.
 */
export interface Sink {
  write(text: string): Promise<void> | void;
  /** Flushes and closes; for a file, reports 已写入 on stderr unless `quiet`. */
  close(): Promise<void>;
}

const CHUNK = 1 << 16;

export function openSink(path: string | undefined, io: Io, options: { announce?: boolean } = {}): Sink {
  const toStdout = path === undefined || path === "-";
  let fd: number | undefined;
  if (!toStdout) {
    try {
      fd = openSync(resolve(io.cwd, path), "w");
    } catch (e) {
      throw new CliError(ioMessage(e, path, true));
    }
  }
  let buffer = "";
  const flush = async () => {
    if (buffer === "") return;
    const text = buffer;
    buffer = "";
    if (fd === undefined) {
      const ok = io.stdout.write(text);
      if (ok === false && io.stdout.once) await new Promise<void>((r) => io.stdout.once!("drain", r));
      return;
    }
    writeAll(fd, text, path!);
  };
  return {
    write(text) {
      buffer += text;
      if (buffer.length >= CHUNK) return flush();
    },
    async close() {
      await flush();
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch (e) {
          throw new CliError(ioMessage(e, path!, true));
        }
        if (options.announce !== false) io.stderr.write(`已写入：${path}\n`);
      }
    },
  };
}

/** Writes a whole result (text or bytes) to a file, or text to stdout. */
export async function writeResult(path: string | undefined, content: string | Uint8Array, io: Io): Promise<void> {
  if (path === undefined || path === "-") {
    io.stdout.write(content);
    return;
  }
  let fd: number;
  try {
    fd = openSync(resolve(io.cwd, path), "w");
  } catch (e) {
    throw new CliError(ioMessage(e, path, true));
  }
  writeAll(fd, content, path);
  try {
    closeSync(fd);
  } catch (e) {
    throw new CliError(ioMessage(e, path, true));
  }
  io.stderr.write(`已写入：${path}\n`);
}

/** writeSync until every byte is down: a short write (a disk filling up) is never a silent truncation. */
function writeAll(fd: number, content: string | Uint8Array, path: string): void {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  } catch (e) {
    throw new CliError(ioMessage(e, path, true));
  }
}
