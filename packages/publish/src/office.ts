/**
 * XLSX and DOCX behind dynamic imports: exceljs and docx are large, and a bundler splits them
 * out so the workbench loads them only when an officer exports or imports a workbook.
 */
import type { OfficialTable } from "./table.ts";

export async function tableXlsx(t: OfficialTable): Promise<Uint8Array> {
  return (await import("./export-xlsx.ts")).tableXlsx(t);
}

export async function readXlsxRows(data: Uint8Array): Promise<string[][]> {
  return (await import("./export-xlsx.ts")).readXlsxRows(data);
}

export async function tableDocx(t: OfficialTable): Promise<Uint8Array> {
  return (await import("./export-docx.ts")).tableDocx(t);
}
