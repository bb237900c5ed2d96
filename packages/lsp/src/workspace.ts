/**
 * The rules folder as the server sees it: every .zs file under the workspace root, read from
 * the editor when it is open and from the disk otherwise, re-read when the disk changes
 * (a recursive watch of the folder, plus the client's file events when it sends them).
 */
import { existsSync, readdirSync, readFileSync, statSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createDocument, type LanguageDocument } from "@zhunsheng/language-service";

export const uriOf = (path: string) => pathToFileURL(path).href;
export const pathOf = (uri: string) => (uri.startsWith("file:") ? fileURLToPath(uri) : uri);

interface Entry {
  text: string;
  /** The disk's bytes are not UTF-8: no analysis, one diagnostic saying so. */
  notUtf8?: boolean;
  /** Set while an editor has the file open: its text wins over the disk's. */
  open: boolean;
  doc?: LanguageDocument;
}

/** Folders a rubric repository never keeps rubrics in. */
const SKIPPED = new Set(["node_modules", "dist", "test-output"]);

function listRubrics(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name.startsWith(".") || SKIPPED.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) listRubrics(p, out);
    else if (e.isFile() && e.name.endsWith(".zs")) out.push(p);
  }
  return out;
}

/**
 * A file's text: UTF-8 (with or without BOM) or UTF-16 with a BOM, as the CLI reads rubrics; `null`
 * when the bytes are neither (a GBK file read as UTF-8 would be checked, and renamed in, as mojibake).
 */
function readDisk(path: string): string | null | undefined {
  let bytes: Uint8Array;
  try {
    if (!statSync(path).isFile()) return undefined;
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const label = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The message shown on a rubric that is not UTF-8 (the CLI's words). */
export const NOT_UTF8 = "不是 UTF-8 编码的文本（可能是 GBK/GB18030），请用 UTF-8 另存后再试";

function diskEntry(text: string | null): Entry {
  return text === null ? { text: "", open: false, notUtf8: true } : { text, open: false };
}

export class RulesWorkspace {
  private readonly files = new Map<string, Entry>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** `changed` is told the files whose text (and so diagnostics) changed, and the removed ones. */
  constructor(
    readonly root: string | undefined,
    private readonly changed: (paths: string[], removed: string[]) => void,
  ) {}

  /** Reads every rubric under the root and starts watching it. */
  start(): string[] {
    if (!this.root) return [];
    const found = listRubrics(this.root);
    for (const p of found) {
      const text = readDisk(p);
      if (text !== undefined) this.files.set(p, diskEntry(text));
    }
    try {
      this.watcher = watch(this.root, { recursive: true }, () => this.rescanSoon());
      this.watcher.on("error", () => this.watcher?.close());
    } catch {
      // no recursive watch here: the client's file events still arrive through `rescanSoon`
    }
    return found;
  }

  stop(): void {
    this.watcher?.close();
    clearTimeout(this.timer);
  }

  /** Re-reads the folder shortly (file events come in bursts). */
  rescanSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.rescan(), 100);
  }

  /** Compares the disk with what is known: new, changed and deleted rubrics that no editor has open. */
  rescan(): void {
    if (!this.root) return;
    const onDisk = new Set(listRubrics(this.root));
    const changed: string[] = [];
    const removed: string[] = [];
    for (const p of onDisk) {
      const known = this.files.get(p);
      if (known?.open) continue;
      const text = readDisk(p);
      if (text === undefined || (text === known?.text && !known.notUtf8) || (text === null && known?.notUtf8)) continue;
      this.files.set(p, diskEntry(text));
      changed.push(p);
    }
    for (const [p, e] of this.files) {
      if (!e.open && !onDisk.has(p)) {
        this.files.delete(p);
        removed.push(p);
      }
    }
    if (changed.length || removed.length) this.changed(changed, removed);
  }

  /** An editor opened or changed the file. */
  setOpen(path: string, text: string): void {
    const e = this.files.get(path);
    if (e && e.text === text && e.open) return;
    this.files.set(path, { text, open: true });
  }

  /** The editor closed the file: the disk's text counts again. */
  close(path: string): void {
    const text = readDisk(path);
    if (text === undefined) this.files.delete(path);
    else this.files.set(path, diskEntry(text));
  }

  /** The analysed document of a rubric (analysed once per text); a file no editor has open is read from the disk again. */
  document(path: string): LanguageDocument | undefined {
    let e = this.files.get(path);
    if (!e?.open) {
      const text = readDisk(path);
      if (text === undefined) return undefined;
      if (text === null || e?.text !== text || e.notUtf8) this.files.set(path, (e = diskEntry(text)));
    }
    if (e!.notUtf8) return undefined;
    return (e!.doc ??= createDocument(e!.text, path));
  }

  /** Whether the file on disk (not open in an editor) is not UTF-8. */
  notUtf8(path: string): boolean {
    return this.files.get(path)?.notUtf8 === true;
  }

  rubrics(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Any file's current text: the open editor's for a rubric, else the disk's. */
  readonly read = (path: string): string | undefined => {
    const e = this.files.get(path);
    return e && !e.notUtf8 ? e.text : (readDisk(path) ?? undefined);
  };
  readonly exists = (path: string): boolean => this.files.has(path) || existsSync(path);
}
