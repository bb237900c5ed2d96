/**
 * 样本数据: which dataset a document is scored on, importing files, editing one platform in
 * the 运营情况表 form, and exporting the score table.
 */
import { readXlsx, rowsToCsv, writeXlsx } from "../lib/xlsx.ts";
import { download } from "../lib/download.ts";
import { activeAnalysis } from "./workbench-state.ts";
import { GENERATED, normaliseText, type Workbench } from "./workbench.ts";

/** The datasets offered for the active document: its built-in files, imported ones, generated platforms. */
export function datasetsOf(wb: Workbench): string[] {
  const doc = wb.activeDoc;
  if (!doc) return [];
  return [...(doc.builtin?.data.map((d) => d.name) ?? []), ...doc.imported.keys(), GENERATED];
}

export async function chooseDataset(wb: Workbench, name: string): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc) return;
  wb.updateDoc(doc.uri, { dataset: name });
  const builtin = doc.builtin?.data.find((d) => d.name === name);
  if (builtin) await wb.client.request("importData", { uri: doc.uri, name, kind: builtin.kind, text: builtin.text });
  else await wb.client.request("setData", { uri: doc.uri, name, records: doc.imported.get(name) ?? [] });
  await wb.loadRecords();
}

export async function importDataFile(wb: Workbench, file: File): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc) {
    wb.flash("请先打开一个评价体系，再导入样本数据");
    return;
  }
  const lower = file.name.toLowerCase();
  const kind = lower.endsWith(".json") ? "json" : "csv";
  const text = lower.endsWith(".xlsx") ? rowsToCsv(readXlsx(new Uint8Array(await file.arrayBuffer()))) : normaliseText(await file.text());
  const r = await wb.client.request("importData", { uri: doc.uri, name: file.name, kind, text });
  if (r.count > 0) {
    const { records } = await wb.client.request("records", { uri: doc.uri });
    wb.updateDoc(doc.uri, { dataset: file.name, imported: new Map(doc.imported).set(file.name, records) });
    wb.store.set({ records, panel: "scores" });
  }
  wb.flash(r.count > 0 ? `已导入 ${r.count} 个平台（${file.name}）${r.errors.length > 0 ? `，${r.errors.length} 处问题` : ""}` : `没有读到平台数据：${r.errors.join("；")}`);
}

/** One value of one platform changed in the 运营情况表 form: the dataset becomes 「…（已修改）」. */
export async function editRecord(wb: Workbench, index: number, field: string, value: string): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc) return;
  const records = wb.state.records.map((r, i) => (i === index ? { ...r, [field]: value } : r));
  const name = doc.dataset.endsWith("（已修改）") ? doc.dataset : `${doc.dataset}（已修改）`;
  wb.updateDoc(doc.uri, { dataset: name, imported: new Map(doc.imported).set(name, records) });
  wb.store.set({ records });
  await wb.client.request("setData", { uri: doc.uri, name, records });
  if (wb.state.selected === index) void wb.loadExplanation(index, false);
}

export async function exportScores(wb: Workbench, kind: "csv" | "xlsx"): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc) return;
  const rows = await wb.client.request("exportRows", { uri: doc.uri });
  const base = doc.title.replace(/\.zs$/, "");
  if (kind === "csv") download(`${base}-评分.csv`, "\uFEFF" + rowsToCsv(rows), "text/csv;charset=utf-8");
  else download(`${base}-评分.xlsx`, writeXlsx(rows) as Uint8Array<ArrayBuffer>, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

export function exportTemplate(wb: Workbench): void {
  const fields = activeAnalysis(wb.state)?.scores?.fields ?? [];
  const doc = wb.activeDoc;
  download(`${doc?.title.replace(/\.zs$/, "") ?? "数据"}-运营情况表.csv`, "\uFEFF" + rowsToCsv([["名称", ...fields.map((f) => f.name)]]), "text/csv;charset=utf-8");
}

/** Opens rubric files as local documents and data files as the active document's dataset. */
export async function openFiles(wb: Workbench, files: File[]): Promise<void> {
  for (const f of files) {
    if (/\.zs$|\.txt$/i.test(f.name)) {
      const text = normaliseText(await f.text());
      const doc = wb.openText(`local:/${f.name}`, f.name, text, "local");
      if (doc.model.getValue() !== text) doc.model.setValue(text);
      await wb.save(doc, false);
    } else if (/\.(csv|xlsx|json)$/i.test(f.name)) await importDataFile(wb, f);
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
