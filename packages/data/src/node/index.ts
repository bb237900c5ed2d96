/** Node's side of @zhunsheng/data: a data file on disk (or standard input) as a stream of row batches. */
import { createReadStream } from "node:fs";
import { streamData, type DataOptions, type DataStream } from "../read.ts";

/** Reads `path` in 1 MB chunks; I/O errors (missing file, no permission) are thrown as Node's errors with their `code`. */
export function openDataFile(path: string, options: DataOptions = {}): DataStream {
  return streamData(createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>, { file: path, ...options });
}

/** Standard input as a data stream; give `format` (or a `file` name with an extension) when it is not sniffable. */
export function openDataStdin(options: DataOptions = {}): DataStream {
  return streamData(process.stdin as AsyncIterable<Uint8Array>, options);
}
