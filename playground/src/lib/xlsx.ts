/**
 * The smallest XLSX reader and writer the workbench needs: one sheet of text and numbers,
 * zipped with fflate. Reading uses DOMParser (main thread); values come back as strings.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function column(n: number): string {
  let s = "";
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? "A";
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** One sheet named `sheetName` holding `rows` (numbers stay numbers, everything else is text). */
export function writeXlsx(rows: readonly (readonly string[])[], sheetName = "评分"): Uint8Array {
  const sheetRows = rows
    .map((r, i) => {
      const cells = r
        .map((v, j) => {
          const ref = `${column(j)}${i + 1}`;
          return NUMBER.test(v) ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
        })
        .join("");
      return `<row r="${i + 1}">${cells}</row>`;
    })
    .join("");
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
    ),
  };
  return zipSync(files);
}

/** The first sheet of an XLSX file as rows of strings. */
export function readXlsx(bytes: Uint8Array): string[][] {
  const files = unzipSync(bytes);
  const xml = (path: string) => {
    const f = files[path];
    return f ? new DOMParser().parseFromString(strFromU8(f), "application/xml") : undefined;
  };
  const shared = [...(xml("xl/sharedStrings.xml")?.getElementsByTagName("si") ?? [])].map((si) =>
    [...si.getElementsByTagName("t")].map((t) => t.textContent ?? "").join(""),
  );
  let sheetPath = "xl/worksheets/sheet1.xml";
  const firstSheet = xml("xl/workbook.xml")?.getElementsByTagName("sheet")[0];
  const rid = firstSheet?.getAttribute("r:id") ?? firstSheet?.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
  const rel = [...(xml("xl/_rels/workbook.xml.rels")?.getElementsByTagName("Relationship") ?? [])].find((r) => r.getAttribute("Id") === rid);
  const target = rel?.getAttribute("Target");
  if (target) sheetPath = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const sheet = xml(sheetPath);
  if (!sheet) return [];
  const rows: string[][] = [];
  for (const row of sheet.getElementsByTagName("row")) {
    const out: string[] = [];
    for (const c of row.getElementsByTagName("c")) {
      const idx = columnIndex(c.getAttribute("r") ?? column(out.length));
      const t = c.getAttribute("t");
      const v = c.getElementsByTagName("v")[0]?.textContent ?? "";
      const value = t === "s" ? shared[Number(v)] ?? "" : t === "inlineStr" ? [...c.getElementsByTagName("t")].map((x) => x.textContent ?? "").join("") : t === "b" ? (v === "1" ? "是" : "否") : v;
      while (out.length < idx) out.push("");
      out[idx] = value;
    }
    rows.push(out);
  }
  return rows;
}

/** Rows → CSV text (RFC 4180), so imported sheets go through the core's CSV reader. */
export function rowsToCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",")).join("\n") + "\n";
}
