/**
 * The rules folder as the server sees it: every .zs file under the workspace root, read from
 * the editor when it is open and from the disk otherwise, re-read when the disk changes
 * (a recursive watch of the folder, plus the client's file events when it sends them).
 */
import { existsSync, readdirSync, readFileSync, statSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { decodeUtf8Text } from "@zhunsheng/data";
import { createDocument, type LanguageDocument } from "@zhunsheng/language-service";

export const uriOf = (path: string) => pathToFileURL(path).href;
export const pathOf = (uri: string) => (uri.startsWith("file:") ? fileURLToPath(uri) : uri);

interface Entry {
  text: string;
  /** The disk's bytes are not UTF-8 text: what they are instead (no analysis, one diagnostic saying so). */
  notText?: string;
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
 * A file's text: UTF-8 (with or without BOM) or UTF-16 with a BOM, as the CLI reads rubrics; when the
 * bytes are neither, what they are (a GBK file read as UTF-8 would be checked, and renamed in, as mojibake).
 */
function readDisk(path: string): string | { error: string } | undefined {
  let bytes: Uint8Array;
  try {
    if (!statSync(path).isFile()) return undefined;
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const decoded = decodeUtf8Text(bytes);
  return "error" in decoded ? decoded : decoded.text;
}

function diskEntry(text: string | { error: string }): Entry {
  return typeof text === "string" ? { text, open: false } : { text: "", open: false, notText: text.error };
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
      if (text === undefined || (text === known?.text && known.notText === undefined) || (typeof text !== "string" && text.error === known?.notText)) continue;
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
      if (typeof text !== "string" || e?.text !== text || e.notText !== undefined) this.files.set(path, (e = diskEntry(text)));
    }
    if (e!.notText !== undefined) return undefined;
    return (e!.doc ??= createDocument(e!.text, path));
  }

  /** What the file on disk (not open in an editor) is, when it is not UTF-8 text. */
  notText(path: string): string | undefined {
    return this.files.get(path)?.notText;
  }

  rubrics(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Any file's current text: the open editor's for a rubric, else the disk's. */
  readonly read = (path: string): string | undefined => {
    const e = this.files.get(path);
    if (e && e.notText === undefined) return e.text;
    const text = readDisk(path);
    return typeof text === "string" ? text : undefined;
  };
  readonly exists = (path: string): boolean => this.files.has(path) || existsSync(path);
}
