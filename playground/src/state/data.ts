/**
 * 样本数据: importing files, editing one platform in
 * the 运营情况表 form, and exporting the score table.
 */
import { download } from "../lib/download.ts";
import type { FileData } from "../protocol.ts";
import { useDataset } from "./datasets.ts";
import { GENERATED, normaliseText, type Workbench } from "./workbench.ts";

/** Data files the workbench reads (any encoding offices save; the worker tells CSV, JSON and workbooks apart). */
export const DATA_FILE = /\.(csv|tsv|xlsx|xlsm|json)$/i;

/** The datasets offered for the active document: its built-in files, imported ones, generated platforms. */
export function datasetsOf(wb: Workbench): string[] {
  const doc = wb.activeDoc;
  if (!doc) return [];
  return [...(doc.builtin?.data.map((d) => d.name) ?? []), ...doc.imported.keys(), GENERATED];
}

export async function importDataFile(wb: Workbench, file: File): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc) {
    wb.flash("请先打开一个评价体系，再导入样本数据");
    return;
  }
  // the bytes as they are: the worker detects the encoding (UTF-8, UTF-16, GBK) and reads CSV, JSON or XLSX
  const bytes = new Uint8Array(await file.arrayBuffer());
  const r = await wb.client.request("importData", { uri: doc.uri, name: file.name, bytes });
  if (r.dataSheets) {
    await importSheets(wb, doc.uri, file.name, bytes, r.dataSheets);
    return;
  }
  if (r.count > 0) {
    const { records, rowErrors } = await wb.client.request("records", { uri: doc.uri });
    wb.updateDoc(doc.uri, { dataset: file.name, imported: new Map(doc.imported).set(file.name, { records, ...(rowErrors ? { rowErrors } : {}) }) });
    wb.store.set({ records, panel: "scores" });
  }
  wb.flash(importMessage(file.name, r));
}

/**
 * A workbook with platforms in several sheets (2024 and 2025 side by side): each sheet becomes a
 * dataset of its own, 「文件「工作表」」, and the first one is scored — never one of them silently.
 */
async function importSheets(wb: Workbench, uri: string, name: string, bytes: Uint8Array, sheets: readonly string[]): Promise<void> {
  const done: string[] = [];
  const said: string[] = [];
  for (const sheet of sheets) {
    const dataset = `${name}「${sheet}」`;
    const r = await wb.client.request("importData", { uri, name: dataset, bytes, sheet });
    said.push(importMessage(dataset, r));
    if (r.count === 0) continue;
    const { records, rowErrors } = await wb.client.request("records", { uri });
    const doc = wb.state.docs.get(uri);
    if (!doc) return;
    wb.updateDoc(uri, { imported: new Map(doc.imported).set(dataset, { records, ...(rowErrors ? { rowErrors } : {}) }) });
    done.push(dataset);
  }
  if (done.length > 0) {
    await useDataset(wb, uri, done[0]!);
    wb.store.set({ panel: "scores" });
  }
  const chosen = done.length > 0 ? `，当前评分的是「${done[0]}」（在数据集列表中切换）` : "";
  wb.flash(`「${name}」中有${sheets.length}张工作表都有平台数据（${sheets.map((s) => `「${s}」`).join("")}），已分别导入为数据集${chosen}：${said.join("；")}`);
}

/** What the status bar says after an import: how many platforms, and the first problems with their rows. */
export function importMessage(name: string, r: { count: number; errors: string[]; warnings: string[] }): string {
  const problems = (list: string[]) => list.slice(0, 3).join("；") + (list.length > 3 ? `；等${list.length}处` : "");
  if (r.count === 0) return `没有读到平台数据（${name}）：${problems([...r.errors, ...r.warnings]) || "文件中没有平台"}`;
  const parts = [`已导入 ${r.count} 个平台（${name}）`];
  if (r.errors.length > 0) parts.push(`${r.errors.length} 处数据有误：${problems(r.errors)}`);
  // each warning says itself what was done with its rows (「已跳过」 a 合计 row, 「仍…读入并评分」 a hidden one)
  if (r.warnings.length > 0) parts.push(`注意：${problems(r.warnings)}`);
  return parts.join("，");
}

/** One value of one platform changed in the 运营情况表 form: the dataset becomes 「…（已修改）」. */
export async function editRecord(wb: Workbench, index: number, field: string, value: string): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc) return;
  const records = wb.state.records.map((r, i) => (i === index ? { ...r, [field]: value } : r));
  const name = doc.dataset.endsWith("（已修改）") ? doc.dataset : `${doc.dataset}（已修改）`;
  // a row that did not line up with its file's header stays unreadable after an edit
  const rowErrors = doc.imported.get(doc.dataset)?.rowErrors;
  const data = { records, ...(rowErrors ? { rowErrors } : {}) };
  wb.updateDoc(doc.uri, { dataset: name, imported: new Map(doc.imported).set(name, data) });
  wb.store.set({ records });
  await wb.client.request("setData", { uri: doc.uri, name, ...data });
  if (wb.state.selected === index) void wb.loadExplanation(index, false);
}

/** Offers a file the worker wrote. */
export function downloadFile(f: FileData): void {
  download(f.name, f.data as BlobPart, f.type);
}

/** The score table as CSV (cells that a spreadsheet would run as formulas neutralised) or XLSX, written in the worker. */
export async function exportScores(wb: Workbench, kind: "csv" | "xlsx"): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc) return;
  downloadFile(await wb.client.request("exportScores", { uri: doc.uri, kind, base: doc.title.replace(/\.zs$/, "") }));
}

/** The blank data sheet for the rubric: an XLSX with units, ranges, notes and drop-downs (or the CSV header row). */
export async function exportTemplate(wb: Workbench, kind: "csv" | "xlsx" = "xlsx"): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc) return;
  const f = await wb.client.request("dataTemplate", { uri: doc.uri, kind, base: doc.title.replace(/\.zs$/, "") });
  if ("error" in f) wb.flash(f.error);
  else downloadFile(f);
}

/** Opens rubric files as local documents and data files as the active document's dataset. */
export async function openFiles(wb: Workbench, files: File[]): Promise<void> {
  for (const f of files) {
    if (/\.zs$|\.txt$/i.test(f.name)) {
      const text = normaliseText(await f.text());
      const doc = wb.openText(`local:/${f.name}`, f.name, text, "local");
      if (doc.model.getValue() !== text) doc.model.setValue(text);
      await wb.save(doc, false);
    } else if (DATA_FILE.test(f.name)) await importDataFile(wb, f);
    else wb.flash(`不支持的文件类型：${f.name}`);
  }
}

export function pickFiles(wb: Workbench, accept: string): void {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = accept;
  input.multiple = true;
  input.onchange = () => void openFiles(wb, [...(input.files ?? [])]);
  input.click();
}
