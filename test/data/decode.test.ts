/** Bytes → text: every encoding officers' machines save, detected; what cannot be decoded is refused with its line. */
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../packages/data/src/index.ts";
import { encodeGbk, encodeUtf16 } from "../fixtures/data/make.ts";
import { csvOf, enc, readChunked } from "./helpers.ts";

const TEXT = "名称,从业人数,用户满意度\r\n甲平台,120,90%\r\n乙平台,80,85%\r\n";

describe("encodings", () => {
  const cases: [string, Uint8Array, string][] = [
    ["UTF-8", enc(TEXT), "utf-8"],
    ["UTF-8 with BOM", enc("\ufeff" + TEXT), "utf-8"],
    ["UTF-16 LE with BOM", encodeUtf16(TEXT, "le"), "utf-16le"],
    ["UTF-16 BE with BOM", encodeUtf16(TEXT, "be"), "utf-16be"],
    ["UTF-16 LE without BOM", encodeUtf16(TEXT, "le", false), "utf-16le"],
    ["GBK", encodeGbk(TEXT), "gb18030"],
  ];
  for (const [label, bytes, encoding] of cases) {
    it(`${label} reads the same rows, in chunks of any size`, () => {
      for (const size of [1, 2, 3, 7, 64, bytes.length]) {
        const r = readChunked(bytes, "csv", size);
        expect(r.errors).toEqual([]);
        expect(r.encoding).toBe(encoding);
        expect(r.records.map((x) => ({ ...x }))).toEqual([
          { 名称: "甲平台", 从业人数: "120", 用户满意度: "90%" },
          { 名称: "乙平台", 从业人数: "80", 用户满意度: "85%" },
        ]);
      }
    });
  }

  it("switches to GBK exactly when the first Chinese comes after a long ASCII stretch, split across chunks", () => {
    const ascii = "name,count\r\n" + "x,1\r\n".repeat(20000);
    const bytes = new Uint8Array([...enc(ascii), ...encodeGbk("甲平台,2\r\n")]);
    // split in the middle of the first GBK pair
    const at = enc(ascii).length + 1;
    const r = readChunked(bytes, "csv", at);
    expect(r.failed).toBe(false);
    expect(r.encoding).toBe("gb18030");
    expect(r.records.at(-1)).toEqual(Object.assign(Object.create(null), { name: "甲平台", count: "2" }));
  });

  it("refuses UTF-8 that breaks after real Chinese text, naming the line and the way out", () => {
    const bytes = new Uint8Array([...enc("名称,数\r\n甲,1\r\n乙,2\r\n"), 0xff, 0xfe, ...enc(",3\r\n")]);
    const r = readChunked(bytes, "csv");
    expect(r.failed).toBe(true);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: "ZS6001", row: 4 });
    expect(r.errors[0]!.message).toContain("不是有效的 UTF-8");
    expect(r.errors[0]!.message).toContain("CSV UTF-8");
  });

  it("refuses bytes that are neither UTF-8 nor sensible GBK (GBK's user-defined area is never real data)", () => {
    const r = readChunked(new Uint8Array([...enc("a,b\r\n1,"), 0xaa, 0xa1, ...enc("\r\n")]), "csv");
    expect(r.failed).toBe(true);
    expect(r.errors[0]!.code).toBe("ZS6001");
    expect(r.errors[0]!.message).toContain("无法识别文件编码");
  });

  it("refuses a binary file named .csv", () => {
    const r = readChunked(new Uint8Array([0x41, 0x2c, 0x42, 0x0a, 0x00, 0x01, 0x02, 0x03, 0x04]), "csv");
    expect(r.failed).toBe(true);
    expect(r.errors[0]!.message).toContain("不是文本文件");
  });

  it("decodeBytes gives the text or the reason", () => {
    expect(decodeBytes(encodeGbk("名称"))).toEqual({ text: "名称", encoding: "gb18030" });
    expect(decodeBytes(new Uint8Array([0x61, 0xff]))).toHaveProperty("error");
  });

  it("a GBK file is never read as all-missing: its header resolves", () => {
    const r = readChunked(encodeGbk("名称,服务企业家次\r\n长沙,1500\r\n"), "csv");
    expect(r.header?.columns).toEqual(["名称", "服务企业家次"]);
  });

  it("csvOf helper reads plain text", () => {
    expect(csvOf("a,b\n1,2\n").records).toHaveLength(1);
  });
});
