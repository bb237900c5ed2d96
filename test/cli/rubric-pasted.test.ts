/**
 * Rubric text as officers paste it from Word/WPS, through `zhunsheng check|test|fmt` as processes:
 * each typographic variant reads as the plain form does, or is refused with a located Chinese line.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoCrash, workspace, zs } from "./process.ts";

const rubric = (band: string) => `评价体系 粘贴体系
输入
  满意度：百分比 越多越好
类别 甲（30分）
  指标 满意度得分 30分
    满意度 90%以上得30分；${band}得20分；70%以上得10分
用例 八十五
  输入 满意度 85
  期望 满意度得分 20分
`;

describe("range dashes", () => {
  it("80——90% (the Chinese dash) is the band [80, 90]: the case passes, and fmt keeps the text", () => {
    const dir = workspace({ "r.zs": rubric("80——90%") });
    const tested = zs(["test", "r.zs"], dir);
    expect(tested.out).toContain("1 passed, 0 failed");
    expect(tested.code).toBe(0);
    expect(zs(["fmt", "r.zs"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "r.zs"), "utf8")).toContain("80——90%得20分");
    expect(zs(["test", "r.zs"], dir).code).toBe(0);
  });

  it("90～80% (ends swapped) is one located error, and score refuses", () => {
    const dir = workspace({ "r.zs": rubric("90～80%"), "d.csv": "名称,满意度\n甲平台,85\n" });
    const checked = zs(["check", "r.zs"], dir);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain("r.zs:6:19 错误 ZS3067 「90～80%」中没有任何数值（下限90，上限80）：请检查两端是否写反，或（含）（不含）是否写错");
    const scored = zs(["score", "r.zs", "--data", "d.csv"], dir);
    expect(scored.code).toBe(1);
    expectNoCrash(scored.out + scored.err);
  });
});

describe("sentences as drafted in Word", () => {
  it("「60%以上（不含）」 (the end after the word) reads x > 60: a case at 60 and one above pass", () => {
    const text = `评价体系 端点体系
输入
  满意度：百分比 越多越好
类别 甲（10分）
  指标 满意度得分 10分
    满意度 60%以上（不含）得10分
等级
  不足5分：不合格
  5分以上（含）：合格
用例 恰好六十
  输入 满意度 60
  期望 满意度得分 0分，等级 不合格
用例 六十点五
  输入 满意度 60.5
  期望 满意度得分 10分，等级 合格
`;
    const r = zs(["test", "r.zs"], workspace({ "r.zs": text }));
    expect(r.out).toContain("2 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("a full stop or ； at the end of a sentence's line ends it: check is clean and the case passes", () => {
    const text = `评价体系 句号体系
输入
  服务企业家次：计数 家次 越多越好
  网站日常维护：是否
类别 平台活跃度（25分）
  指标 服务企业数 15分
    服务企业家次 达1500家次得15分，每少100家次减1分（不足一档不计）。
  指标 维护 10分
    网站日常维护 得10分；
用例 一千三百五十
  输入 服务企业家次 1350，网站日常维护 是
  期望 服务企业数 14分，总分 24分
`;
    const dir = workspace({ "r.zs": text });
    const checked = zs(["check", "r.zs"], dir);
    expect(checked.out).toContain("0个错误");
    const tested = zs(["test", "r.zs"], dir);
    expect(tested.out).toContain("1 passed, 0 failed");
    expect(tested.code).toBe(0);
  });

  it("「每降低1个百分点扣1分」 and 「每提高…加…分」 are step sentences: the cases pass", () => {
    const text = `评价体系 步长体系
输入
  满意度：百分比 越多越好
  服务企业家次：计数 家次 越多越好
类别 甲（50分）
  指标 满意度得分 20分
    满意度 达到90%得20分，每降低1个百分点扣1分（不足一档不计）
  指标 服务得分 30分
    服务企业家次 达到100家次加10分；达到100家次后每提高100家次加10分
    直到满分30为止
用例 八十五
  输入 满意度 85，服务企业家次 250
  期望 满意度得分 15分，服务得分 20分
`;
    const r = zs(["test", "r.zs"], workspace({ "r.zs": text }));
    expect(r.out).toContain("1 passed, 0 failed");
    expect(r.code).toBe(0);
  });
});

describe("invisible characters", () => {
  const text = (decl: string, threshold: string) => `评价体系 零宽体系
输入
  ${decl}：计数 家次 越多越好
类别 甲（15分）
  指标 服务企业数 15分
    服务企业家次 达${threshold}家次得15分，每少100家次减1分（不足一档不计）
`;
  it("a zero-width space inside a declared name: score reads the plain column and scores as the officer meant", () => {
    const dir = workspace({ "r.zs": text("服务企业\u200b家次", "1500"), "d.csv": "名称,服务企业家次\n甲平台,1350\n" });
    const r = zs(["score", "r.zs", "--data", "d.csv", "--json"], dir);
    expect(r.code).toBe(0);
    const [first] = JSON.parse(r.out) as { total: string }[];
    expect(first?.total).toBe("14");
  });
  it("one inside a number is one located line naming it, not 「无法识别的字符「」」", () => {
    const r = zs(["check", "r.zs"], workspace({ "r.zs": text("服务企业家次", "15\u200b00") }));
    expect(r.code).toBe(1);
    expect(r.out).toContain("r.zs:6:15 错误 ZS1006 此处有看不见的字符：U+200B 零宽空格（多见于从 Word、WPS 或网页复制的文字），请删除");
    expectNoCrash(r.out);
  });
});

describe("typeset spacing", () => {
  it("「达 1500 家次得 15 分」 and 「满分：100 分」 (a space before the unit): the case passes, fmt keeps the meaning", () => {
    const text = `评价体系 空格体系
  满分：15 分
输入
  服务企业家次：计数 家次 越多越好
类别 甲（15 分）
  指标 服务企业数 15 分
    服务企业家次 达 1500 家次得 15 分，每少 100 家次减 1 分（不足一档不计）
用例 一千三百五十
  输入 服务企业家次 1350
  期望 服务企业数 14 分
`;
    const dir = workspace({ "r.zs": text });
    const tested = zs(["test", "r.zs"], dir);
    expect(tested.out).toContain("1 passed, 0 failed");
    expect(zs(["fmt", "r.zs"], dir).code).toBe(0);
    expect(zs(["test", "r.zs"], dir).code).toBe(0);
  });
});

describe("colon variants", () => {
  it("「满分︰15分」 and 「服务企业家次︰计数 家次」 (U+FE30) check clean and the case passes", () => {
    const text = "评价体系 冒号体系\n  满分︰15分\n输入\n  服务企业家次︰计数 家次 越多越好\n类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分，每少100家次减1分（不足一档不计）\n用例 一千三百五十\n  输入 服务企业家次 1350\n  期望 服务企业数 14分\n";
    const r = zs(["test", "r.zs"], workspace({ "r.zs": text }));
    expect(r.out).toContain("1 passed, 0 failed");
    expect(r.code).toBe(0);
  });
});

describe("grade bands as the policy text words them", () => {
  it("「75~84分为三星」… (Jiangsu's sentence): check finds no error and the case's star is right", () => {
    const text = "评价体系 星级体系\n输入\n  分：评分 0～100分\n类别 甲（100分）\n  指标 乙 100分\n    分 综合评定\n星级\n  不足75分：无星\n  75~84分为三星\n  85~89分为四星\n  90分以上为五星\n用例 八十六\n  输入 分 86\n  期望 总分 86分，星级 四星\n";
    const dir = workspace({ "r.zs": text });
    expect(zs(["check", "r.zs"], dir).out).toContain("0个错误");
    const r = zs(["test", "r.zs"], dir);
    expect(r.out).toContain("1 passed, 0 failed");
    expect(r.code).toBe(0);
  });
});

describe("numbers with thousands separators", () => {
  it("「达1,500家次」: one located line saying to write 1500, exit 1", () => {
    const text = "评价体系 千分位体系\n输入\n  服务企业家次：计数 家次 越多越好\n类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1,500家次得15分\n";
    const r = zs(["check", "r.zs"], workspace({ "r.zs": text }));
    expect(r.code).toBe(1);
    expect(r.out).toContain("r.zs:6:13 错误 ZS1001 语法错误：「1,500」中有千分位分隔符：数字请连写，如「1500」");
    expectNoCrash(r.out);
  });
});

describe("full stops at the end of every kind of line", () => {
  it("declarations, bands, vetoes and case lines ending in 。 check clean and the case passes", () => {
    const text = "评价体系 句号体系\n输入\n  满意度：百分比 越多越好。\n类别 甲（10分）\n  指标 乙 10分\n    满意度 60%以上得10分。\n等级\n  不足60分：不合格。\n  60分以上：合格。\n否决\n  若 满意度 低于10% 则直接视为不合格。\n用例 丙\n  输入 满意度 70。\n  期望 乙 10分，等级 不合格。\n";
    const dir = workspace({ "r.zs": text });
    expect(zs(["check", "r.zs"], dir).out).toContain("0个错误");
    const r = zs(["test", "r.zs"], dir);
    expect(r.out).toContain("1 passed, 0 failed");
  });
});

describe("a 401-digit threshold", () => {
  it("check prints one short line naming the number by its ends and length", () => {
    const text = `评价体系 大数体系\n输入\n  服务企业家次：计数 家次 越多越好\n类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1${"0".repeat(400)}家次得15分\n`;
    const r = zs(["check", "r.zs"], workspace({ "r.zs": text }));
    expect(r.code).toBe(1);
    const line = r.out.split("\n").find((l) => l.includes("ZS3051"));
    expect(line).toMatch(/^r\.zs:6:13 错误 ZS3051 数字100000000000…0000（共401位）超出可精确计算的范围/);
    expect(line!.length).toBeLessThan(140);
  });
});

describe("blanks of web pages and WPS", () => {
  it("Hunan's rubric with every space a no-break space (U+00A0): check is clean and its cases pass", () => {
    const hunan = readFileSync(new URL("../../rules/hunan/未注明年度/县区工业园区窗口平台.zs", import.meta.url), "utf8");
    const dir = workspace({ "r.zs": hunan.replaceAll(" ", "\u00a0") });
    expect(zs(["check", "r.zs"], dir).out).toContain("0个错误");
    const r = zs(["test", "r.zs"], dir);
    expect(r.out).toMatch(/[1-9]\d* passed, 0 failed/);
    expect(r.code).toBe(0);
  });
});

describe("a blank inside a name or a number", () => {
  it("「服务企业 家次」 (U+00A0) in the declaration and 「1 500」 (U+3000) in a sentence: one located line each naming the blank", () => {
    const text = "评价体系 空格体系\n输入\n  服务企业\u00a0家次：计数 家次 越多越好\n类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1\u3000500家次得15分，每少100家次减1分（不足一档不计）\n";
    const r = zs(["check", "r.zs"], workspace({ "r.zs": text }));
    expect(r.code).toBe(1);
    expect(r.out.split("\n").filter((l) => l.includes(" 错误 "))).toEqual([
      "r.zs:3:3 错误 ZS1001 语法错误：「服务企业\u00a0家次」中间有空格（U+00A0 不换行空格）：名称中不能有空格，请连写为「服务企业家次」",
      "r.zs:6:13 错误 ZS1001 语法错误：「1\u3000500」中间有空格（U+3000 全角空格）：数字请连写，如「1500」",
    ]);
    expectNoCrash(r.out);
  });
});

describe("names in Word's quote marks", () => {
  it("“服务企业数（家次）” and 『…』: one located line per name saying to write 「」, exit 1; with 「」 the case passes", () => {
    const text = (open: string, close: string, open2: string, close2: string) =>
      `评价体系 引号体系\n输入\n  ${open}服务企业家次（含线上）${close}：计数 家次 越多越好\n类别 甲（15分）\n  指标 ${open2}服务企业数（家次）${close2} 15分\n    「服务企业家次（含线上）」 达1500家次得15分，每少100家次减1分（不足一档不计）\n用例 丙\n  输入 「服务企业家次（含线上）」 1350\n  期望 「服务企业数（家次）」 14分\n`;
    const r = zs(["check", "r.zs"], workspace({ "r.zs": text("“", "”", "『", "』") }));
    expect(r.code).toBe(1);
    expect(r.out.split("\n").filter((l) => l.includes(" 错误 "))).toEqual([
      "r.zs:3:3 错误 ZS1007 名称须用「」括起：“服务企业家次（含线上）”请写作「服务企业家次（含线上）」",
      "r.zs:5:6 错误 ZS1007 名称须用「」括起：『服务企业数（家次）』请写作「服务企业数（家次）」",
    ]);
    const fixed = zs(["test", "r.zs"], workspace({ "r.zs": text("「", "」", "「", "」") }));
    expect(fixed.out).toContain("1 passed, 0 failed");
  });
});

describe("the national norm's grade sentence", () => {
  it("「60分(含)以上-80分评为合格」: one located line saying 80 is left open and both ways to write it, exit 1", () => {
    const text = "评价体系 等级体系\n输入\n  分：评分 0～100分\n类别 甲（100分）\n  指标 乙 100分\n    分 综合评定\n等级\n  不足60分评为不合格\n  60分(含)以上-80分评为合格\n  80分(含)以上评为优秀\n";
    const r = zs(["check", "r.zs"], workspace({ "r.zs": text }));
    expect(r.code).toBe(1);
    expect(r.out.split("\n").filter((l) => l.includes(" 错误 "))).toEqual([
      "r.zs:9:3 错误 ZS1001 语法错误：「60分(含)以上-80分」中「以上」与「-」连用，没有写明80分本身是否含在内：不含80分请写「60分（含）以上不足80分」，含80分请写「60～80分」",
    ]);
  });
});

describe("grade sentences, headers and checklists pasted whole", () => {
  it("the national norm's grade sentence on one line: check says 60 is in two grades and why (Civil Code); fixed, the cases with √/× pass", () => {
    const text = (low: string) =>
      `评价体系 等级体系\n  满分：100分。\n输入\n  分：评分 0～100分\n  维护：是否\n类别 甲（100分）\n  指标 乙 90分\n    分 综合评定\n  指标 丙 10分\n    维护 得10分\n等级\n  ${low}评为不合格；60分（含）以上不足80分评为合格；80分（含）以上评为优秀。\n用例 丁\n  输入 分 70，维护 ×\n  期望 总分 70分，等级 合格\n用例 戊\n  输入 分 70，维护 √\n  期望 总分 80分，等级 优秀\n`;
    const checked = zs(["check", "r.zs"], workspace({ "r.zs": text("60分以下") }));
    expect(checked.code).toBe(1);
    expect(checked.out).toContain("r.zs:12:14 错误 ZS3041 等级重叠：总分 60分 同时属于「不合格」和「合格」（按民法典第1259条，「以下」含本数：60分不属于「不合格」请写「不足60分」）");
    const r = zs(["test", "r.zs"], workspace({ "r.zs": text("不足60分") }));
    expect(r.out).toContain("2 passed, 0 failed");
    expect(r.code).toBe(0);
  });
});

describe("a rubric file that is not UTF-8 text", () => {
  const text = "评价体系 编码体系\n输入\n  甲：计数 次\n类别 乙（10分）\n  指标 丙 10分\n    甲 达3次得10分\n";
  const utf16le = (s: string) => Buffer.from(s, "utf16le");
  const utf16be = (s: string) => Buffer.from(utf16le(s).map((_, i, b) => b[i ^ 1]!));
  const cases: [string, Uint8Array, string][] = [
    ["UTF-16 LE without a BOM", utf16le(text), "r.zs：是 UTF-16（小端） 编码的文本，开头没有字节顺序标记（BOM），请用 UTF-8 另存后再试"],
    ["UTF-16 BE without a BOM", utf16be(text), "r.zs：是 UTF-16（大端） 编码的文本，开头没有字节顺序标记（BOM），请用 UTF-8 另存后再试"],
    ["a .docx renamed", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.alloc(64, 0x88)]), "r.zs：是Word、Excel 或 WPS 文档（.docx、.xlsx 等），不是纯文本：评价体系须保存为 UTF-8 纯文本；由指标表起草可用 zhunsheng import 生成草稿"],
    ["a PDF", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0x00, 0x01])]), "r.zs：是PDF 文件，不是纯文本：评价体系须保存为 UTF-8 纯文本；由指标表起草可用 zhunsheng import 生成草稿"],
    ["other binary bytes", Buffer.from([0x01, 0x02, 0x00, 0x00, 0x00, 0x05, 0xff, 0x00, 0x10]), "r.zs：含有空字节，不是文本文件（可能是其他文件被改了扩展名）：评价体系须保存为 UTF-8 纯文本"],
  ];
  for (const [label, bytes, line] of cases) {
    it(`${label}: check refuses it in one line saying what it is, exit 2`, () => {
      const r = zs(["check", "r.zs"], workspace({ "r.zs": bytes }));
      expect(r.code).toBe(2);
      expect(r.err.trim()).toBe(line);
      expectNoCrash(r.err);
    });
  }
  it("UTF-16 with its BOM is read", () => {
    const r = zs(["check", "r.zs"], workspace({ "r.zs": Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)]) }));
    expect(r.out).toContain("0个错误");
  });
});

describe("list numbers pasted with sentences", () => {
  it("「1.服务企业家次 达1500家次得15分」: one located line naming the list number, exit 1", () => {
    const text = "评价体系 编号体系\n输入\n  服务企业家次：计数 家次 越多越好\n类别 甲（15分）\n  指标 服务企业数 15分\n    1.服务企业家次 达1500家次得15分\n";
    const r = zs(["check", "r.zs"], workspace({ "r.zs": text }));
    expect(r.code).toBe(1);
    expect(r.out.split("\n").filter((l) => l.includes(" 错误 "))).toEqual(["r.zs:6:5 错误 ZS1001 语法错误：行首的「1.」是条目编号，不是计分句的一部分：请删除（名称中的条目编号可写作「①服务收入」）"]);
  });
});

describe("a full-width comma between digit groups", () => {
  it("「达1，500家次」: one located line asking whether 「，」 separates thousands, exit 1", () => {
    const text = "评价体系 千分位体系\n输入\n  服务企业家次：计数 家次 越多越好\n类别 甲（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1，500家次得15分\n";
    const r = zs(["check", "r.zs"], workspace({ "r.zs": text }));
    expect(r.code).toBe(1);
    expect(r.out.split("\n").filter((l) => l.includes(" 错误 "))).toEqual(["r.zs:6:13 错误 ZS1001 语法错误：「1，500」中的「，」如果是千分位分隔符，数字请连写，如「1500」；如果是分开的两项，请在「，」后写出名称"]);
  });
});

describe("a Chinese rubric saved as UTF-16 without its mark", () => {
  it("is named UTF-16 (not 「含有空字节」) though 一 puts a zero byte on the other side", () => {
    const text = "评价体系 一号体系\n输入\n  甲：计数 次\n类别 乙（10分）\n  指标 丙 10分\n    甲 达3次得10分\n用例 一\n  输入 甲 3\n  期望 丙 10分\n";
    const r = zs(["check", "r.zs"], workspace({ "r.zs": Buffer.from(text, "utf16le") }));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe("r.zs：是 UTF-16（小端） 编码的文本，开头没有字节顺序标记（BOM），请用 UTF-8 另存后再试");
  });
});

describe("the change report and pasted-text positions, as the CLI prints them", () => {
  const root = new URL("../../", import.meta.url).pathname;
  const rules = (p: string) => readFileSync(join(root, "rules", p), "utf8");

  it("diff names a draft's pending points and a deduction group as written, never 「分值待定分」「，无）」 or 「不超过?分」", () => {
    const hunan = rules("hunan/未注明年度/市州综合窗口平台.zs");
    const dir = workspace({
      "draft.zs": rules("hebei/未注明年度/中小企业公共服务示范平台.zs"),
      "hunan.zs": hunan,
      "hunan-deduction.zs": `${hunan}\n扣分项 安全与诚信（最多扣10分）\n  指标 信息报送 5分\n    缺报晚报次数 每次扣2分\n`,
    });
    const d = zs(["diff", "hunan.zs", "draft.zs"], dir);
    expectNoCrash(d.out + d.err);
    expect(d.out).toContain("删除指标「服务企业数（家次）」（平台活跃度，15分）");
    expect(d.out).toContain("新增类别「服务执行（分值待定）」");
    expect(d.out).toContain("新增指标「服务执行人员的配置」（服务执行，分值待定）");
    expect(d.out).toContain("总分：满分 100分 → 0分（另有14个指标分值待定）");
    expect(d.out).not.toMatch(/分值待定分|，无）|不超过\?分/);
    const e = zs(["diff", "hunan.zs", "hunan-deduction.zs"], dir);
    expect(e.out).toContain("新增类别「安全与诚信（扣分项，最多扣10分）」");
  });

  it("check places 「60分（含）以上-80分」 at its own column on a line of bands longer than 200 characters", () => {
    const band = "60分（含）以上-80分";
    const line = `  不足60分评为${"不合格".repeat(75)}；${band}评为合格；80分（含）以上评为优秀`;
    const text = `评价体系 测试\n  满分：100分\n输入\n  分：评分 0～100分\n类别 甲（100分）\n  指标 乙 100分\n    分 综合评定\n等级\n${line}\n`;
    const r = zs(["check", "r.zs"], workspace({ "r.zs": text }));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`r.zs:9:${line.indexOf(band) + 1} 错误 ZS1001 语法错误：「${band}」中「以上」与「-」连用`);
  });
});
