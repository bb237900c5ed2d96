/** The blanks are one list: the lexer's regex class and its code-unit test agree on every UTF-16 code unit. */
import { describe, expect, it } from "vitest";
import { BLANKS, isBlankCode, tokenize } from "../../grammar/src/index.ts";

describe("blanks", () => {
  it("BLANKS and isBlankCode name the same code units", () => {
    const re = new RegExp(`^[${BLANKS}]$`, "u");
    const disagree: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (re.test(String.fromCharCode(c)) !== isBlankCode(c)) disagree.push(c.toString(16));
    expect(disagree).toEqual([]);
    for (const c of [0x09, 0x20, 0xa0, 0x1680, 0x2000, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000]) expect(isBlankCode(c), c.toString(16)).toBe(true);
    for (const c of [0x0a, 0x0d, 0x200b, 0x3001, 0x41, 0x4e00]) expect(isBlankCode(c), c.toString(16)).toBe(false);
  });

  it("each separates words as a space does", () => {
    for (const blank of ["\t", " ", "\u00a0", "\u2003", "\u202f", "\u3000"]) {
      const r = tokenize(`输入${blank}\n  甲：计数${blank}家次`);
      expect(r.errors, JSON.stringify(blank)).toEqual([]);
    }
  });
});
