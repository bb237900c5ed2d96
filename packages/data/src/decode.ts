/**
 * Bytes → text for files as officers save them: UTF-8 with or without a byte-order mark,
 * UTF-16 (Excel's 「Unicode 文本」), and GBK/GB18030 (what Excel and WPS write on Chinese
 * Windows). Decoding is incremental and strict (WHATWG TextDecoder, fatal): a byte sequence
 * no supported encoding reads is refused, never replaced by U+FFFD.
 */

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/** Names as an officer's editor shows them. */
export const ENCODING_LABEL: Record<Encoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16（小端）",
  "utf-16be": "UTF-16（大端）",
  "gb18030": "GBK/GB18030",
};

/** Why the bytes could not be decoded; `text` is what the failing chunk held before the bad bytes (to locate them). */
export interface DecodeFailure {
  message: string;
  text: string;
}

/** Bytes looked at before deciding the encoding. */
const SNIFF_BYTES = 512;

const SAVE_AS = "请在 Excel 或 WPS 中「另存为」→「CSV UTF-8（逗号分隔）」后再读入";

/** Characters that GBK decoding of non-GBK bytes produces and real data never contains: private use, C1 controls. */
const IMPLAUSIBLE = /[\u0080-\u009f\ue000-\uf8ff]/;

/** An incremental decoder: `write` each chunk, then `end`. Each returns text or a failure. */
export interface Decoder {
  write(chunk: Uint8Array): string | DecodeFailure;
  end(): string | DecodeFailure;
  /** Known once the first bytes are seen (undefined before). */
  readonly encoding: Encoding | undefined;
}

export function isDecodeFailure(x: string | DecodeFailure): x is DecodeFailure {
  return typeof x !== "string";
}

/** Reads BOM and NUL patterns of the first bytes; undefined = no marker (UTF-8 or GBK, decided while decoding). */
function sniff(head: Uint8Array): Encoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  // UTF-16 without a mark: text of mostly ASCII digits and commas has a zero in every other byte
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  // UTF-8 and GBK text never holds a zero byte: zeros only in odd (even) places mean UTF-16 LE (BE)
  if (oddZero >= 2 && oddZero > pairs * 0.1 && evenZero === 0) return "utf-16le";
  if (evenZero >= 2 && evenZero > pairs * 0.1 && oddZero === 0) return "utf-16be";
  return undefined;
}

/** The last bytes of a chunk from its trailing run of non-ASCII bytes (at most 3: an unfinished character). */
function trailingNonAscii(bytes: Uint8Array): Uint8Array {
  let i = bytes.length;
  while (i > 0 && bytes.length - i < 3 && bytes[i - 1]! >= 0x80) i--;
  return bytes.slice(i);
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.indexOf(0) >= 0;
}

/**
 * A decoder that detects the encoding: a BOM or UTF-16 pattern fixes it; otherwise UTF-8 is
 * tried strictly, and if the first non-ASCII bytes are not UTF-8 the file is read as GB18030
 * (a superset of GBK) — the switch is exact because everything before was ASCII, which both
 * encodings read the same.
 */
export function createDecoder(): Decoder {
  let encoding: Encoding | undefined;
  let decoder: TextDecoder | undefined;
  let pending: Uint8Array = new Uint8Array(0);
  let sawNonAscii = false;
  let tentative = false; // UTF-8 chosen without a BOM: may still switch to GB18030
  let held: Uint8Array = new Uint8Array(0); // non-ASCII bytes the UTF-8 decoder holds back at a chunk's end

  const start = (head: Uint8Array) => {
    const e = sniff(head);
    encoding = e ?? "utf-8";
    tentative = e === undefined;
    decoder = new TextDecoder(encoding, { fatal: true });
  };

  const binary = (chunk: Uint8Array): DecodeFailure => ({
    message: `文件含有空字节，不是文本文件（可能是 Excel 工作簿或其他二进制文件被改了扩展名）。${SAVE_AS}`,
    text: new TextDecoder("utf-8").decode(chunk.subarray(0, chunk.indexOf(0))),
  });
  /** The chunk's text before its first undecodable byte (replacement decoding stops there). */
  const prefix = (chunk: Uint8Array) => {
    const t = new TextDecoder(encoding ?? "utf-8").decode(chunk);
    const at = t.indexOf("\ufffd");
    return at < 0 ? t : t.slice(0, at);
  };

  const decodeChunk = (chunk: Uint8Array, stream: boolean): string | DecodeFailure => {
    if (encoding !== "utf-16le" && encoding !== "utf-16be" && hasNul(chunk)) return binary(chunk);
    try {
      const text = decoder!.decode(chunk, { stream });
      if (encoding === "gb18030" && IMPLAUSIBLE.test(text)) {
        const at = text.search(IMPLAUSIBLE);
        return { message: `文件不是有效的 UTF-8，按 GBK/GB18030 读取又得到乱码，无法识别文件编码。${SAVE_AS}`, text: text.slice(0, at) };
      }
      if (tentative && !sawNonAscii) {
        if (/[^\x00-\x7f]/.test(text)) sawNonAscii = true;
        else held = trailingNonAscii(chunk);
      }
      return text;
    } catch {
      // everything before this chunk was ASCII, and what UTF-8 read of this chunk is no real UTF-8 text
      // (GBK pairs can pass as two-byte UTF-8 letters, never as CJK): read the file as GB18030 from here
      if (tentative && !sawNonAscii && !/[\u0800-\uffff]/.test(prefix(chunk))) {
        encoding = "gb18030";
        tentative = false;
        decoder = new TextDecoder("gb18030", { fatal: true });
        const whole = new Uint8Array(held.length + chunk.length);
        whole.set(held);
        whole.set(chunk, held.length);
        return decodeChunk(whole, stream);
      }
      const what = encoding === "utf-8" ? (tentative ? "文件前面按 UTF-8 读取，此处的字节却不是有效的 UTF-8（文件可能混用了编码或已损坏）" : "文件以 UTF-8 标记开头，此处的字节却不是有效的 UTF-8") : `此处的字节不是有效的 ${ENCODING_LABEL[encoding!]}`;
      return { message: `${what}。${SAVE_AS}`, text: prefix(chunk) };
    }
  };

  return {
    get encoding() {
      return encoding;
    },
    write(chunk: Uint8Array) {
      if (!decoder) {
        // wait for the first bytes: a BOM needs 3, a UTF-16 pattern a few hundred
        const joined = new Uint8Array(pending.length + chunk.length);
        joined.set(pending);
        joined.set(chunk, pending.length);
        if (joined.length < SNIFF_BYTES) {
          pending = joined;
          return "";
        }
        pending = new Uint8Array(0);
        start(joined);
        return decodeChunk(joined, true);
      }
      return decodeChunk(chunk, true);
    },
    end() {
      if (!decoder) start(pending);
      const rest = pending;
      pending = new Uint8Array(0);
      const last = decodeChunk(rest, false);
      if (typeof last !== "string") {
        return last.message.includes("此处") ? { ...last, message: last.message.replace("此处的字节", "文件末尾的字节") } : last;
      }
      return last;
    },
  };
}

/** A whole file → text, or why it cannot be read. */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } | { error: string } {
  const d = createDecoder();
  const a = d.write(bytes);
  if (isDecodeFailure(a)) return { error: a.message };
  const b = d.end();
  if (isDecodeFailure(b)) return { error: b.message };
  return { text: a + b, encoding: d.encoding ?? "utf-8" };
}

/** Leading bytes of files that are documents, not text. */
const DOCUMENT_SIGNATURES: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "Word、Excel 或 WPS 文档（.docx、.xlsx 等）" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: "旧版 Word、Excel 或 WPS 文档（.doc、.xls、.wps）" },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: "PDF 文件" },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: "RTF 文档" },
];
const SAVE_UTF8 = "请用 UTF-8 另存后再试";

/**
 * A text file that must be UTF-8 (with or without a BOM) or UTF-16 with a BOM — a rubric, which
 * the editors write back — or what its bytes are instead, in words an officer can act on: a Word,
 * Excel, WPS or PDF document given in place of its text, UTF-16 without a byte-order mark, GBK, other
 * binary data. The CLI and the language server read rubrics through this one decision.
 */
export function decodeUtf8Text(bytes: Uint8Array): { text: string } | { error: string } {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : undefined;
  // UTF-8 text never holds a zero byte: a file with one is UTF-16 without its mark, or no text at all
  if (utf16 || !hasNul(bytes)) {
    try {
      // TextDecoder drops the BOM of its own encoding
      return { text: new TextDecoder(utf16 ?? "utf-8", { fatal: true }).decode(bytes) };
    } catch {
      // said below
    }
  }
  return { error: whatBytes(bytes, utf16) };
}

/**
 * UTF-16 without a mark, for text of any script: the zero bytes of its ASCII characters (blanks,
 * digits, line breaks) fall on one side, and the whole decodes as UTF-16. Chinese text has a few zeros
 * on the other side too (一 is 00 4E in UTF-16 LE), which data's sniff, made for CSV, does not allow.
 */
function unmarkedUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const guess = odd >= 2 && odd > even * 4 ? "utf-16le" : even >= 2 && even > odd * 4 ? "utf-16be" : undefined;
  if (!guess || bytes.length % 2 !== 0) return undefined;
  try {
    new TextDecoder(guess, { fatal: true }).decode(bytes);
    return guess;
  } catch {
    return undefined;
  }
}

function whatBytes(bytes: Uint8Array, utf16: Encoding | undefined): string {
  if (utf16) return `以 ${ENCODING_LABEL[utf16]} 标记开头，其后的字节却不是有效的 ${ENCODING_LABEL[utf16]}（文件可能已损坏），${SAVE_UTF8}`;
  const document = DOCUMENT_SIGNATURES.find((d) => d.bytes.every((b, i) => bytes[i] === b));
  if (document) return `是${document.what}，不是纯文本：评价体系须保存为 UTF-8 纯文本；由指标表起草可用 zhunsheng import 生成草稿`;
  const unmarked = unmarkedUtf16(bytes);
  if (unmarked) return `是 ${ENCODING_LABEL[unmarked]} 编码的文本，开头没有字节顺序标记（BOM），${SAVE_UTF8}`;
  if (hasNul(bytes)) return "含有空字节，不是文本文件（可能是其他文件被改了扩展名）：评价体系须保存为 UTF-8 纯文本";
  try {
    if (!IMPLAUSIBLE.test(new TextDecoder("gb18030", { fatal: true }).decode(bytes))) return `是 GBK/GB18030 编码的文本，不是 UTF-8，${SAVE_UTF8}`;
  } catch {
    // neither UTF-8 nor GBK
  }
  return `不是有效的 UTF-8 文本，按 GBK/GB18030 读取也是乱码（文件可能混用了编码或已损坏），${SAVE_UTF8}`;
}
