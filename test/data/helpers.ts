/** Reading helpers for the data tests: feed bytes in chunks of any size, collect everything. */
import { createRowReader, recordOf, type DataError, type DataRow } from "../../packages/data/src/index.ts";

export const enc = (s: string) => new TextEncoder().encode(s);

/** Reads `bytes` as `format`, fed in chunks of `size` bytes. */
export function readChunked(bytes: Uint8Array, format: "csv" | "json", size = bytes.length || 1, expected?: { name: string; unit?: string }[]) {
  const reader = createRowReader(format, expected ? { expected } : {});
  const rows: DataRow[] = [];
  const errors: DataError[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    const b = reader.write(bytes.subarray(i, i + size));
    rows.push(...b.rows);
    errors.push(...b.errors);
  }
  const b = reader.end();
  rows.push(...b.rows);
  errors.push(...b.errors);
  return { rows, errors, header: reader.header, encoding: reader.encoding, failed: reader.failed, records: rows.map(recordOf) };
}

export const csvOf = (text: string, size?: number, expected?: { name: string; unit?: string }[]) => readChunked(enc(text), "csv", size, expected);
export const jsonOf = (text: string, size?: number) => readChunked(enc(text), "json", size);
