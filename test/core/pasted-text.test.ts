/**
 * Rubric sentences as officers paste them from Word/WPS: the typographic variants each either
 * read with the meaning the plain form has, or get a located message — never another meaning.
 */
import { describe, expect, it } from "vitest";
import { codes, errorsOf, indicatorScore, load, rubricText, scoreOf } from "./helpers.ts";

const bands = (band: string) =>
  rubricText("  满意度：百分比 越多越好", `类别 甲（30分）\n  指标 满意度得分 30分\n    满意度 90%以上得30分；${band}得20分；70%以上得10分`);

describe("range dashes as Word and WPS write them", () => {
  // 「——」 is the Chinese dash (two U+2014), 「―」 the horizontal bar some input methods give
  for (const dash of ["～", "~", "-", "—", "——", "―", "－", "–", "至"]) {
    it(`80${dash}90% is the band [80, 90]`, () => {
      const text = bands(`80${dash}90%`);
      expect(errorsOf(text)).toEqual([]);
      expect(indicatorScore(text, { 满意度: "85" }, "满意度得分")).toBe("20");
      expect(indicatorScore(text, { 满意度: "80" }, "满意度得分")).toBe("20");
    });
  }
});

describe("a band no value can fall in", () => {
  it("90～80% (ends swapped) is an error at the band, not a band that never scores", () => {
    const errors = errorsOf(bands("90～80%"));
    expect(errors.map((d) => [d.code, d.message])).toEqual([["ZS3067", "「90～80%」中没有任何数值（下限90，上限80）：请检查两端是否写反，或（含）（不含）是否写错"]]);
    expect(errors[0]!.range.start.line).toBe(6);
  });
  it("达到80%不足80% is empty too", () => {
    expect(errorsOf(bands("达到80%不足80%")).map((d) => d.code)).toEqual(["ZS3067"]);
  });
  it("in a grade band as well", () => {
    const text = rubricText("  分：评分 0～100分", `类别 甲（100分）\n  指标 乙 100分\n    分 综合评定`, "等级\n  不足60分：不合格\n  80～60分：合格\n  80分以上：优秀");
    expect(errorsOf(text).map((d) => d.code)).toContain("ZS3067");
  });
});

describe("（含）/（不含） written after the comparative word", () => {
  const text = (band: string) => rubricText("  满意度：百分比 越多越好", `类别 甲（30分）\n  指标 满意度得分 30分\n    满意度 ${band}得30分`);
  const cases: [string, string, string][] = [
    ["90%以上（含）", "90", "30"],
    ["90%以上（不含）", "90", "0"],
    ["90%以上（不含）", "90.5", "30"],
    ["90%以下（不含）", "90", "0"],
    ["90%以下（不含）", "89", "30"],
    ["90%以下(含)", "90", "30"],
  ];
  for (const [band, x, want] of cases) {
    it(`${band}: ${x}% → ${want}分`, () => {
      expect(errorsOf(text(band))).toEqual([]);
      expect(indicatorScore(text(band), { 满意度: x }, "满意度得分")).toBe(want);
    });
  }
  it("in a grade band: 80分以上（含）", () => {
    const t = rubricText("  分：评分 0～100分", `类别 甲（100分）\n  指标 乙 100分\n    分 综合评定`, "等级\n  不足80分：合格\n  80分以上（含）：优秀");
    expect(errorsOf(t)).toEqual([]);
  });
});

describe("a full stop pasted at the end of a sentence", () => {
  const hunan = (tail: string, next = "") =>
    rubricText(
      "  服务企业家次：计数 家次 越多越好\n  网站日常维护：是否",
      `类别 平台活跃度（25分）\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分，每少100家次减1分（不足一档不计）${tail}${next}\n  指标 维护 10分\n    网站日常维护 得10分${tail}`,
    );
  for (const tail of ["。", "；", "，", ";"]) {
    it(`「…减1分${tail}」 ends the sentence and means what it says without it`, () => {
      const text = hunan(tail);
      expect(errorsOf(text)).toEqual([]);
      expect(indicatorScore(text, { 服务企业家次: "1350", 网站日常维护: "是" }, "服务企业数")).toBe("14");
      expect(indicatorScore(text, { 服务企业家次: "1350", 网站日常维护: "是" }, "维护")).toBe("10");
    });
  }
  it("before another sentence of the indicator, and at the end of the file", () => {
    const text = hunan("。", "\n    服务企业家次 达2000家次加0分。");
    expect(errorsOf(text)).toEqual([]);
  });
  it("a line that goes on with a band still continues the sentence", () => {
    const text = rubricText("  满意度：百分比 越多越好", `类别 甲（30分）\n  指标 满意度得分 30分\n    满意度 90%以上得30分；\n      80%以上得20分`);
    expect(errorsOf(text)).toEqual([]);
    expect(indicatorScore(text, { 满意度: "85" }, "满意度得分")).toBe("20");
  });
});

describe("step words as drafters vary them", () => {
  const less = (word: string) =>
    rubricText("  服务企业家次：计数 家次 越多越好", `类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分，${word}100家次减1分（不足一档不计）`);
  for (const word of ["每少", "每减少", "每降低"]) {
    it(`${word}100家次减1分: 1350家次 → 14分`, () => {
      expect(errorsOf(less(word))).toEqual([]);
      expect(indicatorScore(less(word), { 服务企业家次: "1350" }, "服务企业数")).toBe("14");
    });
  }
  const more = (word: string) =>
    rubricText("  满意度：百分比 越多越好", `类别 甲（40分）\n  指标 满意度得分 40分\n    满意度 达到60%加20分；达到70%后${word}10个百分点加10分`);
  for (const word of ["每增加", "每提高", "每增长"]) {
    it(`达到70%后${word}10个百分点加10分: 95% → 40分`, () => {
      expect(errorsOf(more(word))).toEqual([]);
      expect(indicatorScore(more(word), { 满意度: "95" }, "满意度得分")).toBe("40");
    });
  }
});

describe("invisible characters pasted from Word or a web page", () => {
  const text = (decl: string, ref: string) =>
    rubricText(`  ${decl}：计数 家次 越多越好`, `类别 甲（15分）\n  指标 服务企业数 15分\n    ${ref} 达1500家次得15分，每少100家次减1分（不足一档不计）`);
  const cases: [string, string, string][] = [
    ["a zero-width space in the declaration", "服务企业\u200b家次", "服务企业家次"],
    ["a zero-width space in the sentence", "服务企业家次", "服务企业\u200b家次"],
    ["a BOM inside the name in both", "服务企业\ufeff家次", "服务\ufeff企业家次"],
    ["a soft hyphen and a joiner", "服务企业\u00ad家次", "服务企业家\u200d次"],
  ];
  for (const [label, decl, ref] of cases) {
    it(`${label}: the name is the one the officer sees, read from the data column without it`, () => {
      const t = text(decl, ref);
      expect(errorsOf(t)).toEqual([]);
      expect(indicatorScore(t, { 服务企业家次: "1350" }, "服务企业数")).toBe("14");
    });
  }
  it("elsewhere one is named (code point and what it is) at its place, with a fix that deletes it", () => {
    const t = rubricText("  服务企业家次：计数 家次 越多越好", `类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达15\u200b00家次得15分`);
    const [e] = errorsOf(t);
    expect(e?.code).toBe("ZS1006");
    expect(e?.message).toBe("此处有看不见的字符：U+200B 零宽空格（多见于从 Word、WPS 或网页复制的文字），请删除");
    expect([e?.range.start.line, e?.range.start.column]).toEqual([6, 15]);
    expect(e?.fix?.edits).toEqual([{ range: e!.range, newText: "" }]);
  });
});

describe("a space between a number and its unit", () => {
  const text = (sentence: string) => rubricText("  服务企业家次：计数 家次 越多越好", `类别 甲（15 分）\n  指标 服务企业数 15 分\n    服务企业家次 ${sentence}`);
  for (const sentence of ["达1500 家次得15 分，每少100 家次减1 分（不足一档不计）", "达 1500 家次 得 15 分 ，每少 100 家次 减 1 分（不足一档不计）", "1500\u3000家次以上得15分，每少100家次减1分（不足一档不计）"]) {
    it(`「${sentence}」 reads as the sentence without spaces`, () => {
      expect(errorsOf(text(sentence))).toEqual([]);
      expect(indicatorScore(text(sentence), { 服务企业家次: "1350" }, "服务企业数")).toBe("14");
    });
  }
  it("a word after a number that merely starts with a unit stays a word (用例 …，人数 3)", () => {
    const t = rubricText("  次数：计数 次 越多越好\n  人数：计数 人 越多越好", `类别 甲（10分）\n  指标 乙 10分\n    次数 每次加1分\n    人数 每人加1分`, "用例 丙\n  输入 次数 5 ，人数 3\n  期望 乙 8分");
    expect(errorsOf(t)).toEqual([]);
  });
});

describe("colon variants", () => {
  for (const colon of ["：", ":", "︰", "﹕"]) {
    it(`「满分${colon}15分」 and 「服务企业家次${colon}计数 家次」`, () => {
      const t = `评价体系 冒号体系\n  满分${colon}15分\n输入\n  服务企业家次${colon}计数 家次 越多越好\n类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分，每少100家次减1分（不足一档不计）\n`;
      expect(errorsOf(t)).toEqual([]);
      expect(indicatorScore(t, { 服务企业家次: "1350" }, "服务企业数")).toBe("14");
    });
  }
});

describe("grade bands in the policy text's wording", () => {
  const graded = (bands: string) => rubricText("  分：评分 0～100分", `类别 甲（100分）\n  指标 乙 100分\n    分 综合评定`, `星级\n${bands}`);
  it("「75~84分为三星」 is 「75~84分：三星」", () => {
    const t = graded("  不足75分：无星\n  75~84分为三星\n  85~89分为四星\n  90分以上为五星");
    expect(errorsOf(t)).toEqual([]);
    expect(scoreOf(t, { 分: "86" }).grade).toBe("四星");
  });
  it("「60分以下评为不合格」", () => {
    const t = graded("  不足60分评为不合格\n  60分（含）以上不足80分评为合格\n  80分（含）以上评为优秀");
    expect(errorsOf(t)).toEqual([]);
    expect(scoreOf(t, { 分: "80" }).grade).toBe("优秀");
    expect(scoreOf(t, { 分: "59.5" }).grade).toBe("不合格");
  });
});

describe("a number with thousands separators", () => {
  it("「达1,500家次」 is one syntax error over the number saying to write it without separators", () => {
    const t = rubricText("  服务企业家次：计数 家次 越多越好", `类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1,500家次得15分`);
    const errors = errorsOf(t);
    expect(errors.map((d) => d.message)).toEqual(["语法错误：「1,500」中有千分位分隔符：数字请连写，如「1500」"]);
    expect([errors[0]!.range.start.line, errors[0]!.range.start.column, errors[0]!.range.end.column]).toEqual([6, 13, 18]);
  });
  it("also in a case's input, and for 12,345,678", () => {
    const t = rubricText("  服务企业家次：计数 家次 越多越好", `类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分`, "用例 丙\n  输入 服务企业家次 12,345,678\n  期望 服务企业数 15分");
    expect(errorsOf(t).map((d) => d.message)).toContain("语法错误：「12,345,678」中有千分位分隔符：数字请连写，如「12345678」");
  });
});

describe("a full stop at the end of other lines", () => {
  it("after an input declaration, a grade band, a veto, a condition and a case's lines", () => {
    const t = [
      "评价体系 句号体系",
      "输入",
      "  满意度：百分比 越多越好。",
      "  资产总额：金额 万元 越多越好。",
      "类别 甲（10分）",
      "  指标 乙 10分",
      "    满意度 60%以上得10分。",
      "等级",
      "  不足60分：不合格。",
      "  60分以上：合格。",
      "否决",
      "  若 满意度 低于10% 则直接视为不合格。",
      "认定条件",
      "  条件（一）资产总额 不低于100万元。",
      "用例 丙",
      "  输入 满意度 70，资产总额 200。",
      "  期望 乙 10分，等级 不合格。",
      "",
    ].join("\n");
    expect(errorsOf(t)).toEqual([]);
  });
});

describe("numbers far too long for any rubric", () => {
  it("are named in messages by their ends and length, not printed with all 401 digits", () => {
    const big = `1${"0".repeat(400)}`;
    const t = rubricText("  服务企业家次：计数 家次 越多越好", `类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达${big}家次得15分`);
    const [e] = errorsOf(t);
    expect(e?.code).toBe("ZS3051");
    expect(e?.message).toMatch(/^数字100000000000…0000（共401位）超出可精确计算的范围/);
    expect(e?.message.length).toBeLessThan(120);
  });
});

describe("blanks of web pages and WPS: no-break, ideographic and other Unicode spaces", () => {
  // 其他类服务活动 starts with the keyword 其他: it reads as a name only once the declaration scan has seen it
  const text = (blank: string) =>
    rubricText(
      `${blank}${blank}其他类活动次数：计数${blank}次${blank}越多越好`,
      `类别${blank}甲（12分）\n${blank}${blank}指标${blank}其他类服务活动${blank}12分\n${blank}${blank}${blank}${blank}其他类活动次数${blank}8次及以上得12分，每少1次减1.5分`,
    );
  for (const [blank, label] of [
    ["\u00a0", "U+00A0 no-break space"],
    ["\u3000", "U+3000 ideographic space"],
    ["\u2002", "U+2002 en space"],
    ["\u2009", "U+2009 thin space"],
    ["\u202f", "U+202F narrow no-break space"],
  ]) {
    it(`${label} between words separates them as a space does`, () => {
      expect(errorsOf(text(blank!))).toEqual([]);
      expect(indicatorScore(text(blank!), { 其他类活动次数: "6" }, "其他类服务活动")).toBe("9");
    });
  }
});

describe("a blank inside a name or a number", () => {
  /** The text with the fix's edits made (offsets from the end backwards). */
  const applied = (text: string, edits: readonly { range: { start: { offset: number }; end: { offset: number } }; newText: string }[]) =>
    [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset).reduce((t, e) => t.slice(0, e.range.start.offset) + e.newText + t.slice(e.range.end.offset), text);
  const text = (decl: string, ref: string, threshold = "1500") =>
    rubricText(`  ${decl}：计数 家次 越多越好`, `类别 甲（15分）\n  指标 服务企业数 15分\n    ${ref} 达${threshold}家次得15分，每少100家次减1分（不足一档不计）`);
  const blanks: [string, string][] = [
    ["\u00a0", "空格（U+00A0 不换行空格）"],
    ["\u3000", "空格（U+3000 全角空格）"],
    ["\u2009", "空格（U+2009 窄空格）"],
    [" ", "空格"],
  ];
  for (const [blank, called] of blanks) {
    it(`「服务企业${blank}家次」 in a sentence: one error over the name naming the ${called}, whose fix joins it`, () => {
      const t = text("服务企业家次", `服务企业${blank}家次`);
      const errors = errorsOf(t);
      expect(errors.map((d) => d.message)).toEqual([`语法错误：「服务企业${blank}家次」中间有${called}：名称中不能有空格，请连写为「服务企业家次」`]);
      expect([errors[0]!.range.start.line, errors[0]!.range.start.column]).toEqual([6, 5]);
      const fixed = applied(t, errors[0]!.fix!.edits);
      expect(errorsOf(fixed)).toEqual([]);
      expect(indicatorScore(fixed, { 服务企业家次: "1350" }, "服务企业数")).toBe("14");
    });
    it(`「1${blank}500」: one error over the number naming the ${called}, whose fix joins it`, () => {
      const t = text("服务企业家次", "服务企业家次", `1${blank}500`);
      const errors = errorsOf(t);
      expect(errors.map((d) => d.message)).toEqual([`语法错误：「1${blank}500」中间有${called}：数字请连写，如「1500」`]);
      expect([errors[0]!.range.start.line, errors[0]!.range.start.column]).toEqual([6, 13]);
      expect(indicatorScore(applied(t, errors[0]!.fix!.edits), { 服务企业家次: "1350" }, "服务企业数")).toBe("14");
    });
  }
  it("in the declaration: the one error, not the input 「服务企业」 without a type and 「服务企业家次」 undeclared", () => {
    const t = text("服务企业\u00a0家次", "服务企业家次");
    const errors = errorsOf(t);
    expect(errors.map((d) => d.message)).toEqual(["语法错误：「服务企业\u00a0家次」中间有空格（U+00A0 不换行空格）：名称中不能有空格，请连写为「服务企业家次」"]);
    expect(errorsOf(applied(t, errors[0]!.fix!.edits))).toEqual([]);
  });
  it("in a case's input and a case's number", () => {
    const t = rubricText("  服务企业家次：计数 家次 越多越好", `类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分`, "用例 丙\n  输入 服务企业\u00a0家次 1\u3000350\n  期望 服务企业数 0分");
    expect(errorsOf(t).map((d) => d.message)).toEqual(["语法错误：「服务企业\u00a0家次」中间有空格（U+00A0 不换行空格）：名称中不能有空格，请连写为「服务企业家次」"]);
    const t2 = t.replace("服务企业\u00a0家次 1", "服务企业家次 1");
    expect(errorsOf(t2).map((d) => d.message)).toEqual(["语法错误：「1\u3000350」中间有空格（U+3000 全角空格）：数字请连写，如「1350」"]);
  });
  it("「15 00」 (not a thousands group) is named too, its join offered but not preferred", () => {
    const [e] = errorsOf(text("服务企业家次", "服务企业家次", "15\u00a000"));
    expect(e?.message).toBe("语法错误：「15\u00a000」中间有空格（U+00A0 不换行空格）：数字请连写，如「1500」");
    expect(e?.fix).toBeUndefined();
    expect(e?.otherFixes?.[0]?.title).toBe("删除空格，连写为「1500」");
  });
  it("two words the file never writes together, with a pasted space: the parser's message and a question", () => {
    const t = rubricText("  服务企业\u00a0人次：计数 家次 越多越好", `类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分`);
    const syntax = errorsOf(t).filter((d) => d.code === "ZS1001");
    expect(syntax[0]?.message).toContain("（「服务企业\u00a0人次」中间有空格（U+00A0 不换行空格）：如果是一个名称，请连写为「服务企业人次」；名称本身含空格时用「」括起）");
    expect(syntax[0]?.otherFixes?.map((f) => f.title)).toEqual(["删除空格，连写为「服务企业人次」", "用「」括起：「服务企业\u00a0人次」"]);
  });
});

describe("a name in Word's quote marks instead of 「」", () => {
  const applied = (text: string, edits: readonly { range: { start: { offset: number }; end: { offset: number } }; newText: string }[]) =>
    [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset).reduce((t, e) => t.slice(0, e.range.start.offset) + e.newText + t.slice(e.range.end.offset), text);
  const text = (open: string, close: string) =>
    rubricText(
      `  ${open}服务企业家次（含线上）${close}：计数 家次 越多越好`,
      `类别 甲（15分）\n  指标 ${open}服务企业数（家次）${close} 15分\n    「服务企业家次（含线上）」 达1500家次得15分，每少100家次减1分（不足一档不计）`,
      `用例 丙\n  输入 ${open}服务企业家次（含线上）${close} 1350\n  期望 「服务企业数（家次）」 14分`,
    );
  for (const [open, close] of [["“", "”"], ["‘", "’"], ["『", "』"], ['"', '"']] as const) {
    it(`${open}…${close}: one ZS1007 per name saying to write 「」, whose fixes make the file clean`, () => {
      const t = text(open, close);
      const errors = errorsOf(t);
      expect(errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([
        `ZS1007 3:3 名称须用「」括起：${open}服务企业家次（含线上）${close}请写作「服务企业家次（含线上）」`,
        `ZS1007 5:6 名称须用「」括起：${open}服务企业数（家次）${close}请写作「服务企业数（家次）」`,
        `ZS1007 8:6 名称须用「」括起：${open}服务企业家次（含线上）${close}请写作「服务企业家次（含线上）」`,
      ]);
      const fixed = applied(t, errors.flatMap((d) => d.fix!.edits));
      expect(fixed).toBe(text("「", "」"));
      expect(errorsOf(fixed)).toEqual([]);
      expect(indicatorScore(fixed, { "服务企业家次（含线上）": "1350" }, "服务企业数（家次）")).toBe("14");
    });
  }
  it("quote marks inside a name of name characters stay part of it (“湖湘精品”中小企业品牌能力提升)", () => {
    const t = rubricText("  “湖湘精品”活动次数：计数 次 越多越好", "类别 甲（6分）\n  指标 “湖湘精品”中小企业品牌能力提升 6分\n    “湖湘精品”活动次数 每次加3分");
    expect(errorsOf(t)).toEqual([]);
    expect(indicatorScore(t, { "“湖湘精品”活动次数": "1" }, "“湖湘精品”中小企业品牌能力提升")).toBe("3");
  });
  it("an opening mark without its closing one on the line is still an error, not a name", () => {
    const t = rubricText("  “服务企业家次（含线上）：计数 家次 越多越好", "类别 甲（15分）\n  指标 乙 15分\n    「服务企业家次（含线上）」 达1500家次得15分");
    expect(errorsOf(t).length).toBeGreaterThan(0);
    expect(errorsOf(t).map((d) => d.code)).not.toContain("ZS1007");
  });
});

describe("the national norm's 「60分（含）以上-80分评为合格」", () => {
  const applied = (text: string, edits: readonly { range: { start: { offset: number }; end: { offset: number } }; newText: string }[]) =>
    [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset).reduce((t, e) => t.slice(0, e.range.start.offset) + e.newText + t.slice(e.range.end.offset), text);
  const graded = (band: string) =>
    rubricText("  分：评分 0～100分", "类别 甲（100分）\n  指标 乙 100分\n    分 综合评定", `等级\n  不足60分评为不合格\n  ${band}评为合格\n  80分（含）以上评为优秀`);
  it("is refused: 以上 and a dash leave 80 itself open; the message names both ways to write it", () => {
    const errors = errorsOf(graded("60分（含）以上-80分"));
    expect(errors.map((d) => d.message)).toEqual(["语法错误：「60分（含）以上-80分」中「以上」与「-」连用，没有写明80分本身是否含在内：不含80分请写「60分（含）以上不足80分」，含80分请写「60～80分」"]);
    expect([errors[0]!.range.start.line, errors[0]!.range.start.column, errors[0]!.range.end.column]).toEqual([9, 3, 15]);
    expect(errors[0]!.fix).toBeUndefined();
    const [below, through] = errors[0]!.otherFixes!;
    // not including 80: the grades then cover 0–100 once, and 80 is 优秀
    const t = applied(graded("60分（含）以上-80分"), below!.edits);
    expect(errorsOf(t)).toEqual([]);
    expect(scoreOf(t, { 分: "80" }).grade).toBe("优秀");
    expect(scoreOf(t, { 分: "79.5" }).grade).toBe("合格");
    // including 80: 80 is in two grades, which the checker says
    expect(errorsOf(applied(graded("60分（含）以上-80分"), through!.edits)).map((d) => d.code)).toEqual(["ZS3041"]);
  });
  it("is found with no-break spaces around the dash, and placed exactly on a line longer than the look-back", () => {
    const nbsp = errorsOf(graded("60分（含）以上\u00a0-\u00a080分")).filter((d) => d.code === "ZS1001");
    expect(nbsp.map((d) => d.message)).toEqual(["语法错误：「60分（含）以上\u00a0-\u00a080分」中「以上」与「-」连用，没有写明80分本身是否含在内：不含80分请写「60分（含）以上不足80分」，含80分请写「60～80分」"]);
    // bands run together on one line, the ambiguous one after 230 characters of others
    const long = rubricText("  分：评分 0～100分", "类别 甲（100分）\n  指标 乙 100分\n    分 综合评定", `等级\n  不足60分评为${"不合格".repeat(75)}；60分（含）以上-80分评为合格；80分（含）以上评为优秀`);
    const e = errorsOf(long).find((d) => d.message.includes("没有写明80分"))!;
    const lineStart = long.lastIndexOf("\n", e.range.start.offset) + 1;
    expect(long.slice(e.range.start.offset, e.range.end.offset)).toBe("60分（含）以上-80分");
    expect(e.range.start.column).toBe(e.range.start.offset - lineStart + 1);
    expect(e.range.end.column).toBe(e.range.end.offset - lineStart + 1);
  });
  for (const [band, message] of [
    ["60分(含)以上—80分", "「60分(含)以上—80分」中「以上」与「—」连用，没有写明80分本身是否含在内：不含80分请写「60分（含）以上不足80分」，含80分请写「60～80分」"],
    ["60分以上（不含）～80分", "「60分以上（不含）～80分」中「以上」与「～」连用，没有写明80分本身是否含在内：不含80分请写「超过60分不足80分」，含80分请写「超过60分不超过80分」"],
    ["60分及以上至80分", "「60分及以上至80分」中「以上」与「至」连用，没有写明80分本身是否含在内：不含80分请写「60分（含）以上不足80分」，含80分请写「60～80分」"],
  ]) {
    it(`「${band}」 too, and each rewrite it offers reads`, () => {
      const errors = errorsOf(graded(band!));
      expect(errors.map((d) => d.message)).toEqual([`语法错误：${message}`]);
      for (const f of errors[0]!.otherFixes!) expect(errorsOf(applied(graded(band!), f.edits)).filter((d) => d.code.startsWith("ZS1"))).toEqual([]);
    });
  }
  it("in a scoring sentence as well: 「60%（含）以上-80%得5分」", () => {
    const t = rubricText("  满意度：百分比 越多越好", "类别 甲（10分）\n  指标 乙 10分\n    满意度 60%（含）以上-80%得5分");
    expect(errorsOf(t).map((d) => d.message)).toEqual(["语法错误：「60%（含）以上-80%」中「以上」与「-」连用，没有写明80%本身是否含在内：不含80%请写「60%（含）以上不足80%」，含80%请写「60～80%」"]);
  });
});

describe("grade sentences and headers pasted whole", () => {
  const scored = "输入\n  分：评分 0～100分\n类别 甲（100分）\n  指标 乙 100分\n    分 综合评定";
  it("「满分：100分。」 (a header with a full stop) reads as 「满分：100分」", () => {
    const t = `评价体系 句号体系\n  满分：100分。\n${scored}\n`;
    expect(errorsOf(t)).toEqual([]);
    expect(load(t).rubric.maxTotal).toBe("100");
  });
  it("the national norm's grades on one line, bands joined by ；: 60 is in two grades by the Civil Code, and the error says why", () => {
    const t = `评价体系 等级体系\n${scored}\n等级\n  60分以下评为不合格；60分（含）以上不足80分评为合格；80分（含）以上评为优秀。\n`;
    const errors = errorsOf(t);
    expect(errors.map((d) => d.message)).toEqual(["等级重叠：总分 60分 同时属于「不合格」和「合格」（按民法典第1259条，「以下」含本数：60分不属于「不合格」请写「不足60分」）"]);
    const fixed = t.replace("60分以下评为", "不足60分评为");
    expect(errorsOf(fixed)).toEqual([]);
    expect([scoreOf(fixed, { 分: "59.9" }).grade, scoreOf(fixed, { 分: "60" }).grade, scoreOf(fixed, { 分: "80" }).grade]).toEqual(["不合格", "合格", "优秀"]);
  });
  it("Jiangsu's 「75~84分为三星、85~89分为四星、90分以上为五星」 on one line: each band as on its own line", () => {
    const t = `评价体系 星级体系\n${scored}\n星级\n  75~84分为三星、85~89分为四星、90分以上为五星\n`;
    expect(errorsOf(t)).toEqual([]);
    expect([scoreOf(t, { 分: "74" }).grade, scoreOf(t, { 分: "84" }).grade, scoreOf(t, { 分: "86" }).grade, scoreOf(t, { 分: "90" }).grade]).toEqual([null, "三星", "四星", "五星"]);
    // 84.5 is in no band: the checker says so (the gap the literal reading leaves)
    expect(codes(t)).toContain("ZS3040");
  });
});

describe("√ and × for 是 and 否 in a case", () => {
  const t = (yes: string, no: string) =>
    rubricText("  维护：是否\n  认定材料：是否", "类别 甲（10分）\n  指标 乙 10分\n    维护 得10分", `认定条件\n  条件（一）认定材料\n用例 丙\n  输入 维护 ${yes}，认定材料 ${no}\n  期望 乙 10分，认定 ${no}`);
  for (const [yes, no] of [["√", "×"], ["✓", "✗"], ["✔", "✘"], ["是", "否"]]) {
    it(`「维护 ${yes}，认定材料 ${no}」 means 是 and 否: the case passes`, () => {
      // a failing case is an error (ZS4001): none here
      expect(errorsOf(t(yes!, no!))).toEqual([]);
    });
  }
  it("a case expecting the wrong thing with √ fails, so √ is read, not ignored", () => {
    expect(errorsOf(t("×", "√")).map((d) => d.code)).toContain("ZS4001");
  });
});

describe("a paragraph's list number pasted with its sentence", () => {
  const applied = (text: string, edits: readonly { range: { start: { offset: number }; end: { offset: number } }; newText: string }[]) =>
    [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset).reduce((t, e) => t.slice(0, e.range.start.offset) + e.newText + t.slice(e.range.end.offset), text);
  const text = (label: string) => rubricText("  服务企业家次：计数 家次 越多越好", `类别 甲（15分）\n  指标 服务企业数 15分\n    ${label}服务企业家次 达1500家次得15分，每少100家次减1分（不足一档不计）`);
  for (const label of ["1.", "1．", "1、", "（1）", "(1)", "2）", "12. "]) {
    it(`「${label}服务企业家次 …」: one error over the number saying it is a list number, whose fix deletes it`, () => {
      const errors = errorsOf(text(label));
      expect(errors.map((d) => d.message)).toEqual([`语法错误：行首的「${label.trim()}」是条目编号，不是计分句的一部分：请删除（名称中的条目编号可写作「①服务收入」）`]);
      expect([errors[0]!.range.start.line, errors[0]!.range.start.column]).toEqual([6, 5]);
      const fixed = applied(text(label), errors[0]!.fix!.edits);
      expect(fixed).toBe(text(""));
      expect(indicatorScore(fixed, { 服务企业家次: "1350" }, "服务企业数")).toBe("14");
    });
  }
  it("a decimal at the start of a line is no list number (1.5分 stays the parser's error)", () => {
    const t = rubricText("  服务企业家次：计数 家次 越多越好", "类别 甲（15分）\n  指标 服务企业数 15分\n    1.5服务企业家次 达1500家次得15分");
    expect(errorsOf(t).map((d) => d.message).join()).not.toContain("条目编号");
  });
});

describe("「1，500」 with Word's full-width comma", () => {
  it("in a sentence and a case: one error over the number asking whether the 「，」 separates thousands", () => {
    const t = rubricText("  服务企业家次：计数 家次 越多越好", `类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1，500家次得15分`);
    const errors = errorsOf(t);
    expect(errors.map((d) => d.message)).toEqual(["语法错误：「1，500」中的「，」如果是千分位分隔符，数字请连写，如「1500」；如果是分开的两项，请在「，」后写出名称"]);
    expect([errors[0]!.range.start.line, errors[0]!.range.start.column, errors[0]!.range.end.column]).toEqual([6, 13, 18]);
    const c = rubricText("  服务企业家次：计数 家次 越多越好", `类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分`, "用例 丙\n  输入 服务企业家次 12，345，678\n  期望 服务企业数 15分");
    expect(errorsOf(c).map((d) => d.message)).toEqual(["语法错误：「12，345，678」中的「，」如果是千分位分隔符，数字请连写，如「12345678」；如果是分开的两项，请在「，」后写出名称"]);
  });
});
