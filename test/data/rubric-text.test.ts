/**
 * decodeUtf8Text: the one decision on a rubric file's bytes (CLI and language server) — UTF-8 or
 * UTF-16 with a BOM is text; anything else is named for what it is.
 */
import { describe, expect, it } from "vitest";
import { decodeUtf8Text } from "../../packages/data/src/index.ts";

const text = "评价体系 编码体系\n输入\n  甲：计数 次\n";
const le = Buffer.from(text, "utf16le");

describe("decodeUtf8Text", () => {
  it("reads UTF-8 with and without a BOM, and UTF-16 with one", () => {
    expect(decodeUtf8Text(Buffer.from(text))).toEqual({ text });
    expect(decodeUtf8Text(Buffer.from(`\ufeff${text}`))).toEqual({ text });
    expect(decodeUtf8Text(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({ text });
  });
  it("names UTF-16 without a BOM, documents, binary bytes and GBK instead of guessing GBK for all", () => {
    const error = (bytes: Uint8Array) => ("error" in decodeUtf8Text(bytes) ? (decodeUtf8Text(bytes) as { error: string }).error : "read");
    expect(error(le)).toMatch(/^是 UTF-16（小端） 编码的文本，开头没有字节顺序标记（BOM）/);
    expect(error(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x88]))).toMatch(/^是Word、Excel 或 WPS 文档/);
    expect(error(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]))).toMatch(/^是旧版 Word、Excel 或 WPS 文档/);
    expect(error(Buffer.from("%PDF-1.4\n\x00\x01"))).toMatch(/^是PDF 文件/);
    expect(error(Buffer.from([0x01, 0x00, 0x00, 0x00, 0x07]))).toMatch(/^含有空字节/);
    // 「评价体系」 in GBK
    expect(error(Buffer.from([0xc6, 0xc0, 0xbc, 0xdb, 0xcc, 0xe5, 0xcf, 0xb5, 0x0a]))).toBe("是 GBK/GB18030 编码的文本，不是 UTF-8，请用 UTF-8 另存后再试");
  });
  it("names Chinese UTF-16 without a BOM as UTF-16 though 一 (U+4E00) puts zeros on the other side", () => {
    const chinese = "评价体系 一千三百五十\n用例 一\n  输入 甲 100\n";
    const error = (bytes: Uint8Array) => (decodeUtf8Text(bytes) as { error?: string }).error;
    expect(error(Buffer.from(chinese, "utf16le"))).toMatch(/^是 UTF-16（小端） 编码的文本，开头没有字节顺序标记（BOM）/);
    const be = Buffer.from(chinese, "utf16le").map((_, i, b) => b[i ^ 1]!);
    expect(error(be)).toMatch(/^是 UTF-16（大端） 编码的文本，开头没有字节顺序标记（BOM）/);
  });
  it("never reads UTF-16 without a BOM as UTF-8 text with zero bytes in it", () => {
    expect("text" in decodeUtf8Text(Buffer.from("abc 123\n", "utf16le"))).toBe(false);
  });
});
