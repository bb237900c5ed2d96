import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { analyze, tokenize } from "../../packages/core/src/index.ts";
import { MAX_NESTING } from "../../grammar/src/index.ts";
import {
  applyEdits,
  codeActions,
  complete,
  createDocument,
  curve,
  curveTargetAt,
  definition,
  diagnostics,
  documentSymbols,
  encodeSemanticTokens,
  foldingRanges,
  formatDocument,
  hover,
  prepareRename,
  references,
  rename,
  semanticTokens,
  symbolPath,
} from "../../packages/language-service/src/index.ts";
import { at, hunan } from "./markers.ts";

const STEP = "    服务企业家次 达1500家次得15分，每少100家次减1分（不足一档不计）";

const RULES = new URL("../../rules/", import.meta.url).pathname;
const files = (dir: string): string[] => readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? files(join(dir, e)) : [join(dir, e)]));

describe("the document's tokens", () => {
  // the parser's own tokens, not a second lexing: they must be exactly what lexing the text gives
  const lexedAgain = (text: string) => {
    const lex = tokenize(text);
    return [...lex.tokens, ...lex.comments].sort((a, b) => a.startOffset - b.startOffset).map((t) => [t.tokenType.name, t.image, t.startOffset]);
  };
  const ofDoc = (text: string) => createDocument(text).tokens.map((t) => [t.tokenType.name, t.image, t.startOffset]);

  it("are every token and comment of each rubric in rules/, in order", () => {
    for (const f of files(RULES).filter((f) => f.endsWith(".zs"))) {
      const text = readFileSync(f, "utf8");
      expect(ofDoc(text), f).toEqual(lexedAgain(text));
    }
  });

  it("keep the tokens of （…） nested too deeply for the parser, and a broken text's", () => {
    const deep = hunan(STEP, `派生\n  深：数值 = ${"（".repeat(MAX_NESTING + 3)}1${"）".repeat(MAX_NESTING + 3)}`);
    expect(analyze(deep).diagnostics.some((d) => d.message.includes("括号嵌套"))).toBe(true);
    expect(ofDoc(deep)).toEqual(lexedAgain(deep));
    const broken = hunan(STEP).replace("达1500家次", "达「1500家次 # 未闭合");
    expect(ofDoc(broken)).toEqual(lexedAgain(broken));
  });
});

describe("semantic tokens", () => {
  it("tells keywords, comparatives, numbers, units, inputs and indicators apart", () => {
    const doc = createDocument(hunan(STEP));
    const tokens = semanticTokens(doc);
    const of = (text: string) => tokens.filter((t) => doc.text.slice(t.range.start.offset, t.range.end.offset) === text).map((t) => t.type);
    expect(of("达")).toEqual(["comparative"]);
    expect(of("1500")).toEqual(["number"]);
    expect(of("家次")).toContain("unit");
    expect(of("服务企业家次")).toEqual(["input", "input"]);
    expect(of("「服务企业数（家次）」")).toEqual(["indicator"]);
    expect(of("平台活跃度")).toEqual(["category"]);
    expect(of("计数")).toEqual(["type"]);
    expect(of("类别")).toEqual(["keyword"]);
    expect(of("湖南省")).toEqual(["string"]);
    const decl = tokens.find((t) => t.type === "input");
    expect(decl?.declaration).toBe(true);
  });

  it("encodes five integers per token with relative positions", () => {
    const doc = createDocument(hunan(STEP));
    const data = encodeSemanticTokens(semanticTokens(doc));
    expect(data.length % 5).toBe(0);
    expect(data[0]).toBe(0); // first token on line 1
    expect(data[1]).toBe(0); // at column 0 (评价体系)
    expect(data[2]).toBe(4);
  });
});

describe("diagnostics", () => {
  it("are the checker's, unchanged", () => {
    const text = hunan("    服务企业家次 达1500家次得16分，每少100家次减1分\n    未知输入 得5分");
    expect(diagnostics(createDocument(text, "test.zs"))).toEqual(analyze(text, "test.zs").diagnostics);
    expect(diagnostics(createDocument(text)).map((d) => d.code)).toContain("ZS2001");
  });

  it("offer both the rename to the suggested input and its declaration, rename first", () => {
    const { doc } = at(hunan("    服务企业家次 达1500家次得15分，每少100家次减1分\n    <|>服务企业家数 达1500家次得15分"));
    const actions = codeActions(doc, doc.analysis.diagnostics.find((d) => d.code === "ZS2001")!.range);
    expect(actions.map((a) => [a.title, a.preferred])).toEqual([
      ["改为「服务企业家次」", true],
      ["在「输入」中声明「服务企业家数」", false],
    ]);
  });

  it("offer the checker's fixes and declare a missing input", () => {
    const { doc, offset, text } = at(hunan("    服务企业家次 达1500家次得15分，每少100家次减1分\n    <|>荣誉次数 每次加3分"));
    const actions = codeActions(doc, doc.analysis.diagnostics.find((d) => d.code === "ZS2001")!.range);
    const declare = actions.find((a) => a.title.includes("声明"));
    expect(declare?.title).toBe("在「输入」中声明「荣誉次数」");
    const fixed = applyEdits(text, declare!.edits);
    expect(fixed).toContain("网站日常维护：是否\n  荣誉次数：数值");
    expect(createDocument(fixed).analysis.diagnostics.map((d) => d.code)).not.toContain("ZS2001");
    void offset;
    const plain = createDocument(hunan("    服务企业家次 达1500家次得15分，每少100家次减1分"));
    const reading = codeActions(plain, plain.analysis.diagnostics.find((d) => d.code === "ZS3020")!.range);
    expect(reading[0]?.title).toBe("写明读法：不足一档不计");
  });
});

describe("completion", () => {
  it("offers units right after a number", () => {
    const { doc, offset } = at(hunan("    服务企业家次 达1500<|>"));
    const labels = complete(doc, offset).map((c) => c.label);
    expect(labels).toContain("家次");
    expect(labels.every((l) => !l.includes("服务企业家次"))).toBe(true);
  });

  it("offers declared inputs first where a scoring sentence starts", () => {
    const { doc, offset } = at(hunan("    服务企业家次 达1500家次得15分，每少100家次减1分\n    服务<|>"));
    const items = complete(doc, offset).sort((a, b) => a.sortText.localeCompare(b.sortText));
    expect(items[0]?.kind).toBe("input");
    const item = items.find((i) => i.label === "服务企业家次")!;
    expect(item.range.start.offset).toBe(offset - 2);
  });

  it("offers the step-deduction sentence as a snippet after an input name", () => {
    const { doc, offset } = at(hunan("    服务企业家次 <|>"));
    const items = complete(doc, offset).sort((a, b) => a.sortText.localeCompare(b.sortText));
    const snippet = items.find((i) => i.label === "达…得…分，每少…减…分");
    expect(snippet?.snippet).toBe(true);
    expect(snippet?.insertText).toMatch(/^达\$\{1:1500\}/);
    expect(items[0]?.kind).toBe("snippet");
  });

  it("offers input types after a name in 输入", () => {
    const { doc, offset } = at(hunan(STEP, "  荣誉次数：<|>"));
    const labels = complete(doc, offset).map((c) => c.label);
    expect(labels.slice(0, 7)).toEqual(["计数", "数值", "百分比", "金额", "是否", "评分", "文本"]);
  });

  it("offers section keywords at the start of a line", () => {
    const { doc, offset } = at(hunan(STEP) + "等<|>");
    const items = complete(doc, offset);
    expect(items.find((i) => i.label === "等级" && i.kind === "keyword")?.detail).toBe("段落");
    expect(items.find((i) => i.label === "以上")?.detail).toBe("比较词：x ≥ n");
  });
});

describe("hover", () => {
  it("shows a draft's pending points as 分值待定 on an indicator's and a category's name", () => {
    const draft = readFileSync(new URL("hebei/未注明年度/中小企业公共服务示范平台.zs", `file://${RULES}`), "utf8");
    const doc = createDocument(draft, "draft.zs");
    const ind = hover(doc, draft.indexOf("服务执行人员的配置") + 1)!;
    expect(ind.contents).toBe("**服务执行人员的配置**（指标，属「服务执行」）：分值待定");
    const cat = hover(doc, draft.indexOf("类别 服务执行") + 4)!;
    expect(cat.contents).toMatch(/^\*\*服务执行\*\*（类别）：分值待定，含\d+个指标$/);
  });

  it("states the operator and interval of a prefix comparative after the Civil Code", () => {
    const { doc, offset } = at(hunan("    服务企业家次 达15<|>00家次得15分，每少100家次减1分（不足一档不计）"));
    const h = hover(doc, offset)!;
    expect(h.contents).toContain("x ≥ 1500（含1500家次本身）");
    expect(h.contents).toContain("区间：[1500, +∞)");
    expect(h.contents).toContain("民法典");
    expect(h.contents).toContain("此数上下：1499家次 → 15分；1500家次 → 15分");
    expect(h.contents).toContain("1301家次起 → 14分；1401家次起 → 15分");
    expect(doc.text.slice(h.range.start.offset, h.range.end.offset)).toBe("1500");
  });

  it("reads 不足 as excluding the number and two comparatives as a half-open interval", () => {
    const { doc, offset } = at(hunan("    服务企业家次 达到1000家次不<|>足1500家次得10分；达到1500家次得15分"));
    const h = hover(doc, offset)!;
    expect(h.contents).toContain("**不足**");
    expect(h.contents).toContain("x < 1500（不含1500家次本身）");
    expect(h.contents).toContain("区间：[1000, 1500)，即 1000 ≤ x < 1500");
  });

  it("reads a postfix 以上 as including the number", () => {
    const { doc, offset } = at(hunan("    服务企业家次 1500家次以<|>上得15分"));
    expect(hover(doc, offset)!.contents).toContain("**以上** （后置：写在数字后面）：x ≥ 1500");
  });

  it("explains a rule's formula on its verbs", () => {
    const { doc, offset } = at(hunan("    服务企业家次 达1500家次得15分，每<|>少100家次减1分"));
    const h = hover(doc, offset)!;
    expect(h.contents).toContain("不足时每差100家次减1分（不足一档不计，默认读法），最低0分");
  });

  it("describes an input on its name", () => {
    const { doc, offset } = at(hunan("    服务企<|>业家次 达1500家次得15分"));
    const h = hover(doc, offset)!;
    expect(h.contents).toContain("**服务企业家次**（输入）：计数，单位 家次，范围 0～+∞，越多越好");
    expect(h.contents).toContain("用于指标：「服务企业数（家次）」");
  });

  it("names an indicator whose own name contains 「/」 correctly (issue 12 d)", () => {
    const text = hunan("    服务企业家次 达1500家次得15分，每<|>少100家次减1分").replace("「服务企业数（家次）」", "「服务企业数/家次」");
    const { doc, offset } = at(text);
    expect(hover(doc, offset)!.contents).toContain("计分句（指标「服务企业数/家次」，满分15分）");
  });

  it("escapes names so that they never become markup", () => {
    const text = hunan(STEP, "  「<img src=x onerror=alert(1)>」：是否\n").replace("网站日常维护 得10分", "「<img src=x onerror=alert(1)>」 得10分");
    const { doc, offset } = at(text.replace("「<img src=x onerror=alert(1)>」 得", "「<i<|>mg src=x onerror=alert(1)>」 得"));
    const contents = hover(doc, offset)!.contents;
    expect(contents).toContain("\\<img");
    expect(contents).not.toMatch(/(^|[^\\])<img/);
  });
});

describe("navigation and rename", () => {
  const source = hunan("    服务企业家次 达1500家次得15分，每少100家次减1分", "") + "\n用例 一\n  输入 服务企业家次 1200\n  期望 总分 12分\n";

  it("goes from a use to the declaration", () => {
    const { doc, offset } = at(source.replace("    服务企业家次 达", "    服务<|>企业家次 达"));
    const d = definition(doc, offset)!;
    expect(d.start.line).toBe(6);
    expect(doc.text.slice(d.start.offset, d.end.offset)).toBe("服务企业家次");
  });

  it("finds every reference, including cases", () => {
    const { doc, offset } = at(source.replace("服务企业家次：", "服务企业<|>家次："));
    expect(references(doc, offset).map((r) => r.start.line)).toEqual([6, 11, 17]);
    expect(references(doc, offset, false)).toHaveLength(2);
  });

  it("renames an input everywhere and quotes a name with punctuation", () => {
    const { doc, offset, text } = at(source.replace("服务企业家次：", "服务企业<|>家次："));
    expect(prepareRename(doc, offset)?.text).toBe("服务企业家次");
    const r = rename(doc, offset, "服务企业（家次）");
    if ("error" in r) throw new Error(r.error);
    const out = applyEdits(text, r.edits);
    expect(out.match(/「服务企业（家次）」/g)).toHaveLength(3);
    expect(createDocument(out).analysis.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("refuses a rename onto another input", () => {
    const { doc, offset } = at(source.replace("服务企业家次：", "服务企业<|>家次："));
    expect(rename(doc, offset, "网站日常维护")).toEqual({ error: "已有名为「网站日常维护」的输入" });
  });
});

describe("symbols, folding, formatting", () => {
  const text = `# 说明一\n# 说明二\n${hunan(STEP)}\n等级\n  60分以下：不合格\n  60分（含）以上：合格\n`;

  it("outlines 类别 → 指标 and finds the breadcrumb path", () => {
    const doc = createDocument(text);
    const symbols = documentSymbols(doc);
    expect(symbols.map((s) => `${s.kind}:${s.name}`)).toEqual(["rubric:测试体系", "inputs:输入", "category:平台活跃度", "grades:等级"]);
    expect(symbols[2]!.children.map((c) => `${c.name} ${c.detail}`)).toEqual(["服务企业数（家次） 15分", "网站 10分"]);
    const offset = text.indexOf("每少");
    expect(symbolPath(symbols, offset).map((s) => s.name)).toEqual(["平台活跃度", "服务企业数（家次）"]);
  });

  it("folds categories, indicators, sections and comment runs", () => {
    const doc = createDocument(text);
    const folds = foldingRanges(doc).map((f) => `${f.kind}:${f.startLine}-${f.endLine}`);
    expect(folds).toContain("comment:1-2");
    expect(folds).toContain("region:7-9");
    expect(folds.filter((f) => f.startsWith("region:11-"))).toHaveLength(1);
  });

  it("formats through the core's formatter and leaves broken files alone", () => {
    const messy = "评价体系 甲\n输入\n      服务企业家次：计数 家次\n类别 乙（15分）\n指标 丙 15分\n服务企业家次 达1500家次得15分\n";
    const edits = formatDocument(createDocument(messy));
    expect(edits).toHaveLength(1);
    expect(edits[0]!.newText).toContain("\n  服务企业家次：计数 家次\n");
    expect(formatDocument(createDocument(edits[0]!.newText))).toEqual([]);
    expect(formatDocument(createDocument("评价体系 甲\n类别 （（（\n"))).toEqual([]);
  });
});

describe("curve", () => {
  it("samples the indicator's score against its input, with the threshold closed", () => {
    const { doc, offset } = at(hunan("    服务企业家次 达1500家次得15分，每<|>少100家次减1分"));
    const target = curveTargetAt(doc, offset)!;
    expect(target).toEqual({ path: "平台活跃度/服务企业数（家次）", input: "服务企业家次" });
    const c = curve(doc.analysis.rubric!, target.path, target.input)!;
    const y = (x: number) => c.points.find((p) => p.x === x)?.y;
    expect(y(1500)).toBe(15);
    expect(y(1401)).toBe(15); // 差99家次，不满一档不扣
    expect(y(1400)).toBe(14);
    expect(y(0)).toBe(0);
    expect(c.thresholds).toEqual([{ x: 1500, xText: "1500", closed: true, label: "达1500家次" }]);
  });
});

describe("more hovers and completions", () => {
  it("reads 75～84分 as closed at both ends", () => {
    const { doc, offset } = at(hunan(STEP) + "\n等级\n  75<|>～84分：良好\n");
    const h = hover(doc, offset)!;
    expect(h.contents).toContain("两端都包含，75 ≤ x ≤ 84");
    expect(h.contents).toContain("区间：[75, 84]");
  });

  it("explains 得 bands as taking the highest band, in interval notation", () => {
    const { doc, offset } = at(hunan("    服务企业家次 1500家次以上得15分；1000家次以上得<|>10分"));
    const h = hover(doc, offset)!;
    expect(h.contents).toContain("[1500家次, +∞) 得15分");
    expect(h.contents).toContain("多档满足时取最高一档");
  });

  it("offers units right after 每", () => {
    const { doc, offset } = at(hunan("    服务企业家次 达1500家次得15分，每<|>"));
    const labels = complete(doc, offset).map((c) => c.label);
    expect(labels[0]).toBe("个百分点");
    expect(labels).toContain("家次");
  });

  it("passes the checker's own fix for a category total through", () => {
    const text = hunan(STEP).replace("平台活跃度（25分）", "平台活跃度（30分）");
    const doc = createDocument(text);
    const d = doc.analysis.diagnostics.find((x) => x.code === "ZS3001")!;
    const [fix] = codeActions(doc, d.range);
    expect(fix?.title).toBe("把类别分值改为各指标之和25分");
    expect(applyEdits(text, fix!.edits)).toContain("平台活跃度（25分）");
  });
});

describe("the constructs of issue 10", () => {
  const rubric = (body: string) => `评价体系 测试
输入
  平台级别：取值 国家级、省级、市级
  获奖：清单 国家级、省级
  专家评分：评分 0～20分 去掉一个最高分和一个最低分后取平均
  服务收入：金额 万元
  服务收入比重：百分比
  事故：是否

类别 甲 40分
${body}

扣分项 安全（最多扣10分）
  指标 事故
    事故 扣6分
`;
  it("hover on a 取值 input lists its values; on a panel input how the scores combine", () => {
    const a = at(rubric("  指标 级别 10分\n    平台<|>级别 国家级得10分；省级得6分；其他得3分"));
    const h = hover(a.doc, a.offset)!.contents;
    expect(h).toContain("取值（由高到低）「国家级」「省级」「市级」");
    expect(h).toContain("平台级别为「市级」得3分");
    const b = at(rubric("  指标 评审 20分\n    专家<|>评分 综合评定"));
    expect(hover(b.doc, b.offset)!.contents).toContain("去掉一个最高分和一个最低分后取平均");
  });
  it("hover on a sentence of a 取其高者 group says how the sentences combine", () => {
    const a = at(rubric("  指标 收入 10分\n    服务收入 300万元以上<|>得10分 或 服务收入比重 15%以上得10分，取其高者"));
    expect(hover(a.doc, a.offset)!.contents).toContain("「服务收入」、「服务收入比重」各自计分，取其高者");
  });
  it("hover on a 扣分项 says it comes off the total", () => {
    const a = at(rubric("  指标 级别 10分\n    平台级别 国家级得10分").replace("扣分项 安全", "扣分项 安<|>全"));
    expect(hover(a.doc, a.offset)!.contents).toContain("从总分中扣减，最多扣10分，总分最低0分");
  });
  it("completion offers the values of the 取值 input the sentence is about", () => {
    const a = at(rubric("  指标 级别 10分\n    平台级别 <|>"));
    const labels = complete(a.doc, a.offset).filter((i) => i.kind === "value").map((i) => i.label);
    expect(labels).toEqual(["国家级", "省级", "市级"]);
  });
  it("completion offers the new sentence patterns as snippets", () => {
    const a = at(rubric("  指标 级别 10分\n    平台级别 国家级得10分\n    <|>"));
    const labels = complete(a.doc, a.offset).filter((i) => i.kind === "snippet").map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["…或…，取其高者", "选项（1）…", "扣分项 名称（最多扣…分）", "条件 总分 …分以上，其中 …"]));
  });
});
