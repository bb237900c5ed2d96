/**
 * Datasets as kept work: the datasets that go with each rubric are saved in IndexedDB beside the
 * drafts (and restored when the rubric opens again), edited in the 数据表 grid with undo and redo,
 * and kept in step with the rubric's inputs (a renamed input renames its column; a column that
 * matches no input is mapped, declared or ignored).
 */
import { loadDocData, saveDocData } from "../lib/drafts.ts";
import type { DatasetRecords, Record_ } from "../protocol.ts";
import { activeAnalysis, type DataEdit, type DataHistory, type Doc } from "./workbench-state.ts";
import type { Workbench } from "./workbench.ts";

/** Name of the edited copy of a dataset (the same rule as the 运营情况表 form's edits). */
export function editedName(dataset: string): string {
  return dataset.endsWith("（已修改）") ? dataset : `${dataset}（已修改）`;
}

// ---- kept in IndexedDB -------------------------------------------------------------------------

/**
 * Saves a document's datasets whenever they change and restores them when it opens. Shared
 * documents are not kept: they become kept work when saved as a draft.
 */
export function keepDatasets(wb: Workbench): () => void {
  let seen = wb.state.docs;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return wb.store.subscribe((s) => {
    if (s.docs === seen) return;
    const before = seen;
    seen = s.docs;
    for (const [uri, doc] of s.docs) {
      const old = before.get(uri);
      if (doc.kind === "share") continue;
      if (!old) void restoreDatasets(wb, uri);
      else if (old.dataset !== doc.dataset || old.imported !== doc.imported || old.ignoredColumns !== doc.ignoredColumns) {
        clearTimeout(timers.get(uri));
        timers.set(uri, setTimeout(() => void persist(wb, uri), 250));
      }
    }
  });
}

async function persist(wb: Workbench, uri: string): Promise<void> {
  const doc = wb.state.docs.get(uri);
  if (!doc) return;
  await saveDocData({ uri, dataset: doc.dataset, imported: doc.imported, ignoredColumns: [...doc.ignoredColumns], savedAt: Date.now() }).catch(() => wb.flash("数据集未能保存到浏览器存储（空间不足或被禁用）"));
}

async function restoreDatasets(wb: Workbench, uri: string): Promise<void> {
  const kept = await loadDocData(uri).catch(() => undefined);
  const doc = wb.state.docs.get(uri);
  if (!kept || !doc) return;
  wb.updateDoc(uri, { imported: kept.imported, ignoredColumns: kept.ignoredColumns });
  if (kept.dataset !== doc.dataset) await useDataset(wb, uri, kept.dataset);
}

/** Makes `name` the document's dataset and has the worker score it. */
export async function useDataset(wb: Workbench, uri: string, name: string): Promise<void> {
  const doc = wb.updateDoc(uri, { dataset: name });
  if (!doc) return;
  const builtin = doc.builtin?.data.find((d) => d.name === name);
  if (builtin) await wb.client.request("importData", { uri, name, bytes: new TextEncoder().encode(builtin.text), format: builtin.kind });
  else await wb.client.request("setData", { uri, name, ...(doc.imported.get(name) ?? { records: [] }) });
  if (wb.state.active === uri) await wb.loadRecords();
}

// ---- edits with undo ---------------------------------------------------------------------------

function historyOf(wb: Workbench, uri: string): DataHistory {
  return wb.state.dataHistory.get(uri) ?? { undo: [], redo: [] };
}

/** Replaces the active document's records: an edited copy of its dataset, kept and scored. */
async function commit(wb: Workbench, doc: Doc, records: Record_[]): Promise<void> {
  const name = editedName(doc.dataset);
  // a row that did not line up with its file's header stays unreadable after an edit (rows only grow at the end)
  const rowErrors = doc.imported.get(doc.dataset)?.rowErrors;
  const data: DatasetRecords = { records, ...(rowErrors ? { rowErrors: rowErrors.slice(0, records.length) } : {}) };
  wb.updateDoc(doc.uri, { dataset: name, imported: new Map(doc.imported).set(name, data) });
  wb.store.set({ records });
  await wb.client.request("setData", { uri: doc.uri, name, ...data });
  if (wb.state.selected >= 0 && wb.state.selected < records.length) void wb.loadExplanation(wb.state.selected, false);
}

function applyCells(records: readonly Record_[], edit: DataEdit, direction: "after" | "before"): Record_[] {
  let out = [...records];
  if (direction === "after") for (let k = 0; k < edit.added; k++) out.push({});
  const changed = new Map<number, Record_>();
  for (const c of edit.cells) {
    const rec = changed.get(c.row) ?? { ...out[c.row] };
    const v = c[direction];
    if (v === undefined) delete rec[c.field];
    else rec[c.field] = v;
    changed.set(c.row, rec);
  }
  for (const [row, rec] of changed) out[row] = rec;
  if (direction === "before" && edit.added > 0) out = out.slice(0, out.length - edit.added);
  return out;
}

/** Sets cells of the active dataset (typed, pasted, cleared) as one undoable edit. */
export async function editCells(wb: Workbench, label: string, cells: { row: number; field: string; value: string }[]): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc || doc.readOnly || cells.length === 0) return;
  const records = wb.state.records;
  const rows = Math.max(records.length, ...cells.map((c) => c.row + 1));
  const edit: DataEdit = {
    label,
    added: rows - records.length,
    cells: cells.map((c) => ({ row: c.row, field: c.field, before: records[c.row]?.[c.field], after: c.value })),
  };
  const h = historyOf(wb, doc.uri);
  wb.store.set((s) => ({ dataHistory: new Map(s.dataHistory).set(doc.uri, { undo: [...h.undo, edit].slice(-100), redo: [] }) }));
  await commit(wb, doc, applyCells(records, edit, "after"));
}

export async function undoData(wb: Workbench): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc || doc.readOnly) return;
  const h = historyOf(wb, doc.uri);
  const edit = h.undo[h.undo.length - 1];
  if (!edit) return wb.flash("没有可撤销的数据修改");
  wb.store.set((s) => ({ dataHistory: new Map(s.dataHistory).set(doc.uri, { undo: h.undo.slice(0, -1), redo: [...h.redo, edit] }) }));
  await commit(wb, doc, applyCells(wb.state.records, edit, "before"));
  wb.flash(`已撤销：${edit.label}`);
}

export async function redoData(wb: Workbench): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc || doc.readOnly) return;
  const h = historyOf(wb, doc.uri);
  const edit = h.redo[h.redo.length - 1];
  if (!edit) return wb.flash("没有可重做的数据修改");
  wb.store.set((s) => ({ dataHistory: new Map(s.dataHistory).set(doc.uri, { undo: [...h.undo, edit], redo: h.redo.slice(0, -1) }) }));
  await commit(wb, doc, applyCells(wb.state.records, edit, "after"));
  wb.flash(`已重做：${edit.label}`);
}

/**
 * A block copied from Excel or WPS (tab-separated lines; a cell holding a tab, a line break or
 * a quote comes quoted, with quotes doubled) as rows of cells.
 */
export function parseClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  const t = text.replace(/\r\n?/g, "\n");
  while (i < t.length) {
    const ch = t[i]!;
    if (ch === '"' && cell === "") {
      // a quoted cell: up to the closing quote
      let j = i + 1;
      let quoted = "";
      for (; j < t.length; j++) {
        if (t[j] === '"') {
          if (t[j + 1] === '"') {
            quoted += '"';
            j++;
          } else break;
        } else quoted += t[j];
      }
      if (j < t.length && (t[j + 1] === "\t" || t[j + 1] === "\n" || j + 1 === t.length)) {
        cell = quoted;
        i = j + 1;
        continue;
      }
    }
    if (ch === "\t") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
    i++;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Pastes a block at a cell of the grid: cells right of the last column are left out (and said). */
export async function pasteBlock(wb: Workbench, at: { row: number; column: number }, columns: readonly string[], text: string): Promise<void> {
  const block = parseClipboardTable(text);
  const cells: { row: number; field: string; value: string }[] = [];
  let dropped = 0;
  block.forEach((line, r) =>
    line.forEach((value, c) => {
      const field = columns[at.column + c];
      if (field === undefined) dropped++;
      else cells.push({ row: at.row + r, field, value: value.trim() });
    }),
  );
  const width = Math.max(0, ...block.map((l) => l.length));
  await editCells(wb, `粘贴 ${block.length}×${width}`, cells);
  wb.flash(`已粘贴 ${block.length} 行 × ${width} 列${dropped > 0 ? `，最后一列之外的 ${dropped} 个单元格没有粘贴` : ""}（Ctrl+Z 撤销）`);
}

// ---- columns and inputs ------------------------------------------------------------------------

function renameKey(rec: Record_, from: string, to: string): Record_ {
  if (!Object.prototype.hasOwnProperty.call(rec, from)) return rec;
  const out: Record_ = {};
  for (const [k, v] of Object.entries(rec)) out[k === from ? to : k] = v;
  return out;
}

/**
 * Renames a column in every dataset of the document (F2 on an input, or mapping a column to an
 * input). A built-in or generated dataset in use becomes an edited copy holding the new name.
 */
export async function renameColumn(wb: Workbench, uri: string, from: string, to: string): Promise<void> {
  const doc = wb.state.docs.get(uri);
  if (!doc || from === to) return;
  const imported = new Map<string, DatasetRecords>();
  for (const [name, data] of doc.imported) imported.set(name, data.records.some((r) => from in r) ? { ...data, records: data.records.map((r) => renameKey(r, from, to)) } : data);
  let dataset = doc.dataset;
  if (!imported.has(dataset)) {
    const current = await wb.client.request("records", { uri });
    if (current.records.some((r) => from in r)) {
      dataset = editedName(doc.dataset);
      imported.set(dataset, { records: current.records.map((r) => renameKey(r, from, to)), ...(current.rowErrors ? { rowErrors: current.rowErrors } : {}) });
    }
  }
  const ignoredColumns = doc.ignoredColumns.filter((c) => c !== from);
  wb.updateDoc(uri, { imported, ignoredColumns });
  if (dataset !== doc.dataset || imported.get(dataset) !== doc.imported.get(dataset)) await useDataset(wb, uri, dataset);
}

/** Column → input: the column's values become the input's (问题's quick fix 「映射到输入」). */
export async function mapColumn(wb: Workbench, column: string, input: string): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc || doc.readOnly) return;
  await renameColumn(wb, doc.uri, column, input);
  wb.flash(`数据列「${column}」已映射到输入「${input}」`);
}

/** The column stays in the data but is no longer reported (问题's quick fix 「忽略此列」). */
export function ignoreColumn(wb: Workbench, column: string): void {
  const doc = wb.activeDoc;
  if (!doc || doc.readOnly) return;
  wb.updateDoc(doc.uri, { ignoredColumns: [...doc.ignoredColumns, column] });
  wb.flash(`已忽略数据列「${column}」`);
}

/** The type an undeclared column's values suggest: 是否 when every value is 是/否, 数值 when numbers, else 文本. */
export function suggestedType(records: readonly Record_[], column: string): "是否" | "数值" | "文本" {
  const values = records.map((r) => String(r[column] ?? "").trim()).filter((v) => v !== "");
  if (values.length > 0 && values.every((v) => v === "是" || v === "否")) return "是否";
  if (values.every((v) => /^-?[\d,，]+(\.\d+)?%?$/.test(v))) return "数值";
  return "文本";
}

/** Declares a column as a new input at the end of the rubric's 输入 block (问题's quick fix 「添加输入」). */
export function addInput(wb: Workbench, column: string): void {
  const doc = wb.activeDoc;
  if (!doc || doc.readOnly) return;
  const model = doc.model;
  const lines = model.getLinesContent();
  const start = lines.findIndex((l) => /^输入\s*$/.test(l));
  if (start < 0) return wb.flash("评价体系中没有「输入」段，无法添加输入");
  let last = start;
  for (let k = start + 1; k < lines.length && (/^\s+\S/.test(lines[k]!) || lines[k]!.trim() === ""); k++) if (lines[k]!.trim() !== "") last = k;
  const line = last + 1;
  const end = model.getLineMaxColumn(line);
  const indent = last > start ? /^\s*/.exec(lines[last]!)![0] : "  ";
  const type = suggestedType(wb.state.records, column);
  model.pushEditOperations([], [{ range: { startLineNumber: line, startColumn: end, endLineNumber: line, endColumn: end }, text: `\n${indent}${column}：${type}` }], () => null);
  wb.reveal({ start: { line: line + 1, column: 1, offset: model.getOffsetAt({ lineNumber: line + 1, column: 1 }) }, end: { line: line + 1, column: 1, offset: model.getOffsetAt({ lineNumber: line + 1, column: 1 }) } });
  wb.flash(`已添加输入「${column}：${type}」，请补上单位和说明`);
}

/** The active dataset's check, when it is for the dataset in use (the grid and 问题 read it). */
export function activeCheck(wb: Workbench) {
  const c = activeAnalysis(wb.state)?.dataCheck;
  return c && c.dataset === wb.activeDoc?.dataset ? c : undefined;
}
