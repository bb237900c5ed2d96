/**
 * Files outside a rubric that name its inputs: the sample dataset's header
 * (`samples/<体系路径>.csv`) and the concept mappings (`concepts/概念.json`, keyed by the
 * rubric's path under the rules folder). A rename of an input edits them too.
 */
import { dirname, join, relative, sep } from "node:path";
import type { Range, TextEdit } from "vscode-languageserver";

/** Reads a file's current text (an open editor's, else the disk's), or undefined. */
export type ReadText = (path: string) => string | undefined;

export interface RelatedEdit {
  path: string;
  edits: TextEdit[];
}

function positionIn(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

const rangeIn = (text: string, from: number, to: number): Range => ({ start: positionIn(text, from), end: positionIn(text, to) });

/** The rules folder holding `file`: the nearest ancestor (up to `root`) with the file's sample data or the concept table. */
export function rulesFolderOf(file: string, root: string, exists: (path: string) => boolean): string | undefined {
  for (let dir = dirname(file); dir.startsWith(root); dir = dirname(dir)) {
    const rel = relative(dir, file);
    if (exists(join(dir, "samples", rel.replace(/\.zs$/, ".csv"))) || exists(join(dir, "concepts", "概念.json"))) return dir;
    if (dir === dirname(dir)) break;
  }
  return undefined;
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

/** The edit renaming the header cell `oldName` of a CSV text (BOM not counted: editors hide it). */
export function csvHeaderEdit(text: string, oldName: string, newName: string): TextEdit | undefined {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const lineEnd = body.search(/\r?\n|$/);
  const header = body.slice(0, lineEnd);
  let i = 0;
  while (i <= header.length) {
    const start = i;
    let value = "";
    if (header[i] === '"') {
      i++;
      while (i < header.length) {
        if (header[i] === '"' && header[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (header[i] === '"') {
          i++;
          break;
        } else value += header[i++];
      }
      while (i < header.length && header[i] !== ",") i++;
    } else {
      while (i < header.length && header[i] !== ",") value += header[i++];
    }
    if (value.trim() === oldName) return { range: { start: { line: 0, character: start }, end: { line: 0, character: i } }, newText: csvCell(newName) };
    i++;
  }
  return undefined;
}

/** The edits renaming the mapped input `oldName` of rubric `rel` in the concept table's 输入对应. */
export function conceptEdits(text: string, rel: string, oldName: string, newName: string): TextEdit[] {
  let table: unknown;
  try {
    table = JSON.parse(text);
  } catch {
    return [];
  }
  const mappings = (table as { 输入对应?: { 输入?: Record<string, unknown> }[] }).输入对应;
  if (!Array.isArray(mappings) || !mappings.some((m) => m?.输入?.[rel] === oldName)) return [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`${escape(JSON.stringify(rel))}\\s*:\\s*(${escape(JSON.stringify(oldName))})`, "g");
  const edits: TextEdit[] = [];
  for (const m of text.matchAll(pattern)) {
    const from = m.index! + m[0].length - m[1]!.length;
    edits.push({ range: rangeIn(text, from, from + m[1]!.length), newText: JSON.stringify(newName) });
  }
  return edits;
}

/** Every edit outside the rubric that renaming its input `oldName` to `newName` needs. */
export function relatedRenameEdits(file: string, root: string, oldName: string, newName: string, read: ReadText, exists: (path: string) => boolean): RelatedEdit[] {
  const folder = rulesFolderOf(file, root, exists);
  if (!folder) return [];
  const rel = relative(folder, file).split(sep).join("/");
  const out: RelatedEdit[] = [];
  const sample = join(folder, "samples", rel.replace(/\.zs$/, ".csv"));
  const csv = read(sample);
  const header = csv === undefined ? undefined : csvHeaderEdit(csv, oldName, newName);
  if (header) out.push({ path: sample, edits: [header] });
  const conceptsPath = join(folder, "concepts", "概念.json");
  const concepts = read(conceptsPath);
  const mapped = concepts === undefined ? [] : conceptEdits(concepts, rel, oldName, newName);
  if (mapped.length) out.push({ path: conceptsPath, edits: mapped });
  return out;
}
