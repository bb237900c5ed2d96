/**
 * Reads an exported table back from the bytes a user gets — Markdown, HTML, XLSX, DOCX — as rows of
 * cell text, so tests check what the officer sees, not the model it was made from.
 */
import { strFromU8, unzipSync } from "fflate";
import { readXlsxRows } from "../../packages/publish/src/index.ts";

const decodeXml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, "&");

/** Every table row of a DOCX (each cell's paragraphs joined), then every paragraph outside tables. */
export function docxRows(bytes: Uint8Array): { rows: string[][]; paragraphs: string[]; headers: string[] } {
  const files = unzipSync(bytes);
  const xml = strFromU8(files["word/document.xml"]!);
  const text = (frag: string) => decodeXml([...frag.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => text(tc[0])));
  const outside = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
  const paragraphs = [...outside.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => text(p[0])).filter((p) => p !== "");
  const headers = Object.keys(files)
    .filter((k) => /^word\/header\d*\.xml$/.test(k))
    .map((k) => text(strFromU8(files[k]!)));
  return { rows, paragraphs, headers };
}

/** Table rows of a Markdown export (cells unescaped). */
export function markdownRows(md: string): string[][] {
  return md
    .split("\n")
    .filter((l) => l.startsWith("| ") && !/^\| (---|:?-)/.test(l))
    .map((l) =>
      l
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((c) => c.replace(/\\\|/g, "|").replace(/\\\\/g, "\\").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/<br>/g, "\n").trim()),
    );
}

/** Table rows of an HTML export (tags dropped, entities decoded). */
export function htmlRows(html: string): string[][] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) => [...tr[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decodeXml(c[1]!.replace(/<[^>]+>/g, ""))));
}

export async function xlsxRows(bytes: Uint8Array): Promise<string[][]> {
  return readXlsxRows(bytes);
}
