/**
 * Share links: the rubric text, and optionally its dataset, deflated and base64url-encoded in the
 * URL's hash (nothing is uploaded anywhere). fflate's synchronous deflate (already the rubric
 * part's codec) lets the dialog show the link's size before copying, without an async stream;
 * the dataset travels as a header and rows of cells, so column names are written once.
 */
import { deflateSync, inflateSync, strFromU8, strToU8, unzlibSync, zlibSync } from "fflate";
import type { Record_ } from "../protocol.ts";

export interface SharedDataset {
  name: string;
  records: Record_[];
}

export interface SharedRubric {
  name: string;
  text: string;
  dataset: SharedDataset | undefined;
  /** The link carried a dataset that could not be read (a cut-off link). */
  damagedData: boolean;
}

/** A link's hash and what its parts cost, in bytes after compression. */
export interface ShareHash {
  hash: string;
  rubricBytes: number;
  dataBytes: number;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Records as one header and rows of text cells (an absent value is null). */
function packRecords(records: readonly Record_[]): { columns: string[]; rows: (string | null)[][] } {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  return { columns, rows: records.map((r) => columns.map((c) => (Object.prototype.hasOwnProperty.call(r, c) && r[c] !== undefined && r[c] !== null ? String(r[c]) : null))) };
}

function unpackRecords(columns: unknown, rows: unknown): Record_[] | undefined {
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === "string") || !Array.isArray(rows)) return undefined;
  const out: Record_[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== columns.length) return undefined;
    // keys such as 「__proto__」 stay plain data
    const rec: Record_ = Object.create(null) as Record_;
    columns.forEach((c: string, k) => {
      const v: unknown = row[k];
      if (typeof v === "string") Object.defineProperty(rec, c, { value: v, enumerable: true, writable: true, configurable: true });
    });
    out.push({ ...rec });
  }
  return out;
}

export function encodeShare(name: string, text: string, dataset?: SharedDataset): ShareHash {
  const rubric = zlibSync(strToU8(text), { level: 9 });
  let hash = `#share=${toBase64Url(rubric)}&name=${encodeURIComponent(name)}`;
  let dataBytes = 0;
  if (dataset) {
    const data = deflateSync(strToU8(JSON.stringify(packRecords(dataset.records))), { level: 9 });
    dataBytes = data.length;
    hash += `&data=${toBase64Url(data)}&dataset=${encodeURIComponent(dataset.name)}`;
  }
  return { hash, rubricBytes: rubric.length, dataBytes };
}

/** The shared rubric (and dataset) in a URL hash, or undefined when there is none (or it is damaged). */
export function decodeShare(hash: string): SharedRubric | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const share = params.get("share");
  if (!share) return undefined;
  let text: string;
  try {
    text = strFromU8(unzlibSync(fromBase64Url(share)));
  } catch {
    return undefined;
  }
  const name = params.get("name") ?? "分享的评价体系.zs";
  const data = params.get("data");
  if (!data) return { name, text, dataset: undefined, damagedData: false };
  try {
    const packed = JSON.parse(strFromU8(inflateSync(fromBase64Url(data)))) as { columns?: unknown; rows?: unknown };
    const records = unpackRecords(packed.columns, packed.rows);
    if (!records) return { name, text, dataset: undefined, damagedData: true };
    return { name, text, dataset: { name: params.get("dataset") ?? "分享的数据", records }, damagedData: false };
  } catch {
    return { name, text, dataset: undefined, damagedData: true };
  }
}
