/**
 * The one keyword table of the 准绳 language. The Chevrotain tokens, the editor's
 * keyword list and the grammar reference's tables are all derived from it.
 */

/** What a keyword does; drives highlighting and completion. */
export type KeywordCategory =
  | "section" // starts a block: 输入, 类别, 等级 …
  | "header" // a rubric property: 地区, 年度 …
  | "type" // an input type: 计数, 百分比 …
  | "comparative" // 以上, 不足 … (operator in COMPARATIVES)
  | "phrase" // words inside scoring sentences: 得, 减, 每少 …
  | "reading" // partial-step readings
  | "value"; // 是, 否

export interface KeywordEntry {
  /** Token name used by the parser. */
  readonly name: string;
  /** Chinese surface forms (all map to the same token). */
  readonly forms: readonly string[];
  readonly category: KeywordCategory;
  /** Short explanation shown on hover and in the reference. */
  readonly doc: string;
}

/** Comparison operators; the AST records these, never the word. */
export type Operator = ">=" | "<=" | ">" | "<";

/**
 * Civil Code art. 1259: 以上、以下、以内、届满 include the number itself;
 * 不满、超过、以外 do not. Every comparative word maps to exactly one operator here.
 * `position` says whether the word stands before the number (达1500) or after it (50条以上).
 */
export const COMPARATIVES: readonly { form: string; op: Operator; position: "prefix" | "postfix" }[] = [
  { form: "及以上", op: ">=", position: "postfix" },
  { form: "以上", op: ">=", position: "postfix" },
  { form: "以下", op: "<=", position: "postfix" },
  { form: "及以下", op: "<=", position: "postfix" },
  { form: "以内", op: "<=", position: "postfix" },
  { form: "达到", op: ">=", position: "prefix" },
  { form: "达", op: ">=", position: "prefix" },
  { form: "不低于", op: ">=", position: "prefix" },
  { form: "不少于", op: ">=", position: "prefix" },
  { form: "满", op: ">=", position: "prefix" },
  { form: "不超过", op: "<=", position: "prefix" },
  { form: "未超过", op: "<=", position: "prefix" },
  { form: "不高于", op: "<=", position: "prefix" },
  { form: "不多于", op: "<=", position: "prefix" },
  { form: "超过", op: ">", position: "prefix" },
  { form: "高于", op: ">", position: "prefix" },
  { form: "多于", op: ">", position: "prefix" },
  { form: "不足", op: "<", position: "prefix" },
  { form: "不满", op: "<", position: "prefix" },
  { form: "低于", op: "<", position: "prefix" },
  { form: "少于", op: "<", position: "prefix" },
  { form: "未达到", op: "<", position: "prefix" },
  { form: "未到", op: "<", position: "prefix" },
  { form: "至少", op: ">=", position: "prefix" },
  { form: "不小于", op: ">=", position: "prefix" },
  { form: "不大于", op: "<=", position: "prefix" },
  { form: "大于", op: ">", position: "prefix" },
  { form: "小于", op: "<", position: "prefix" },
  { form: "未满", op: "<", position: "prefix" },
  { form: "不到", op: "<", position: "prefix" },
  { form: "≥", op: ">=", position: "prefix" },
  { form: "≧", op: ">=", position: "prefix" },
  { form: "≤", op: "<=", position: "prefix" },
  { form: "≦", op: "<=", position: "prefix" },
  { form: ">", op: ">", position: "prefix" },
  { form: "＞", op: ">", position: "prefix" },
  { form: "<", op: "<", position: "prefix" },
  { form: "＜", op: "<", position: "prefix" },
];

export const OPERATOR_LABEL: Record<Operator, string> = {
  ">=": "≥",
  "<=": "≤",
  ">": ">",
  "<": "<",
};

const kw = (name: string, forms: string[], category: KeywordCategory, doc: string): KeywordEntry => ({
  name,
  forms,
  category,
  doc,
});

export const KEYWORDS: readonly KeywordEntry[] = [
  // sections
  kw("Rubric", ["评价体系"], "section", "评价体系文件的开头，后接体系名称"),
  kw("Inputs", ["输入"], "section", "声明平台数据中的各项输入"),
  kw("Derived", ["派生"], "section", "由其他输入计算得到的输入（增长率、平均数、占比）"),
  kw("Evidence", ["材料"], "section", "证明材料清单；未提供则相关指标视为无"),
  kw("Group", ["大类"], "section", "大类：把其后的若干类别归为一组（三层指标体系），分值须等于所属类别之和"),
  kw("Category", ["类别"], "section", "一级类别，带分值或权重"),
  kw("Indicator", ["指标"], "section", "指标，带分值、权重或「分值待定」"),
  kw("Bonus", ["加分项"], "section", "加分项组，在基础分之外另计；可写上限「（不超过15分）」"),
  kw("Deduction", ["扣分项"], "section", "扣分项：从总分中扣减（总分最低0分）；可写上限「（最多扣10分）」"),
  kw("Grades", ["等级", "星级"], "section", "等级或星级划分"),
  kw("Vetoes", ["否决"], "section", "否决项：成立时直接定为所写等级"),
  kw("Eligibility", ["认定条件"], "section", "认定条件：全部满足才符合条件"),
  kw("Condition", ["条件"], "section", "一条认定条件"),
  kw("Relax", ["放宽"], "section", "放宽：记录在案的条件放宽依据"),
  kw("Case", ["用例"], "section", "用例：输入与期望结果，检查器会运行"),
  kw("Expect", ["期望"], "section", "用例的期望结果"),
  kw("Note", ["注"], "section", "注：公布表格下方的说明"),
  // headers
  kw("Region", ["地区"], "header", "地区（省、市）"),
  kw("Year", ["年度"], "header", "年度；来源未写年度时写明"),
  kw("PlatformType", ["平台类型"], "header", "平台类型"),
  kw("FullMarks", ["满分"], "header", "满分"),
  kw("Period", ["考评期"], "header", "考评期"),
  kw("Source", ["来源"], "header", "来源文件"),
  kw("Status", ["状态"], "header", "状态：草稿表示分值尚未确定"),
  kw("Precision", ["精度"], "header", "除法与线性插值四舍五入保留的小数位数"),
  kw("Description", ["描述"], "header", "指标描述：公布表格中的原文"),
  kw("Concept", ["概念"], "header", "指标所属的共同概念，用于跨地区对比"),
  // input types
  kw("TypeCount", ["计数"], "type", "计数：非负整数"),
  kw("TypeNumber", ["数值"], "type", "数值"),
  kw("TypePercent", ["百分比"], "type", "百分比：60 表示 60%"),
  kw("TypeMoney", ["金额"], "type", "金额：非负，万元或元"),
  kw("TypeYesNo", ["是否"], "type", "是否：是 / 否"),
  kw("TypeScore", ["评分"], "type", "评分：专家评定分，须写范围"),
  kw("TypeText", ["文本"], "type", "文本：说明性文字，不参与计分"),
  kw("TypeEnum", ["取值"], "type", "取值：从所列取值中填一个，由高到低列出，如「取值 国家级、省级、市级」"),
  kw("TypeList", ["清单"], "type", "清单：若干项，每项是所列取值之一，如「清单 国家级、省级、市级」；数据填「国家级、省级、省级」，没有填「无」"),
  kw("Mean", ["取平均值", "取平均分", "取平均"], "phrase", "多位专家评分取平均：数据中逐一填写各位专家的评分"),
  kw("TrimmedMean", ["去掉一个最高分和一个最低分后取平均", "去掉一个最高分、一个最低分后取平均", "去掉最高分和最低分后取平均"], "phrase", "多位专家评分去掉一个最高分和一个最低分后取平均"),
  kw("Median", ["取中位数"], "phrase", "多位专家评分取中位数"),
  kw("Range", ["范围"], "phrase", "输入的取值范围"),
  kw("Up", ["越多越好"], "phrase", "该输入越大，得分不应越低"),
  kw("Down", ["越少越好"], "phrase", "该输入越小，得分不应越低"),
  kw("Reference", ["参照"], "phrase", "参照：该输入供评分参考（如申请表字段），不参与计分，不报「未使用」"),
  // phrases in scoring sentences
  kw("Weight", ["权重"], "phrase", "权重：计入总分时乘以该数"),
  kw("PointsPending", ["分值待定"], "phrase", "分值尚未确定（草稿）"),
  kw("Requires", ["需提供"], "phrase", "需提供的证明材料：不按要求提供则视为无，不计入评分"),
  kw("EachLess", ["每少", "每减少", "每降低"], "phrase", "每少…：逐档扣分（「每减少」「每降低」同义）"),
  kw("EachMore", ["每增加", "每多", "每提高", "每增长"], "phrase", "每增加…：逐档加分（「每提高」「每增长」同义）"),
  kw("Each", ["每满", "每"], "phrase", "每…：逐项加分或逐次扣分（每满2年得1分：满一档计一次）"),
  kw("Get", ["得", "计"], "phrase", "得…分：满足条件时得到的分数（多档时取最高一档）；「每…得…分」逐项计分"),
  kw("Add", ["加"], "phrase", "加…分：累计加分"),
  kw("Deduct", ["减", "扣", "扣除"], "phrase", "减…分 / 扣…分：扣分，指标最低0分"),
  kw("NoPoints", ["不得分", "不计分"], "phrase", "不得分：该档得0分"),
  kw("After", ["后"], "phrase", "…后每增加：从该值起逐档加分"),
  kw("OnBasis", ["在此基础上", "此基础上"], "phrase", "在此基础上每增加…：从前一档的门槛起逐档加分"),
  kw("Of", ["的"], "phrase", "（虚词，可省略）"),
  kw("And", ["但", "且"], "phrase", "连接区间的两端"),
  kw("Inclusive", ["（含）", "(含)"], "phrase", "（含）：包含该数本身"),
  kw("Exclusive", ["（不含）", "(不含)"], "phrase", "（不含）：不包含该数本身"),
  kw("To", ["至"], "phrase", "区间：3%至5%，两端都含（可用（含）（不含）写明）"),
  kw("BetweenWord", ["之间"], "phrase", "…之间：区间，两端都含（可用（含）（不含）写明）"),
  kw("Expert", ["综合评定", "专家评定"], "phrase", "得分为录入的评定分"),
  kw("Discretionary", ["酌情加分"], "phrase", "酌情加分：录入的分数，受封顶约束"),
  kw("UpTo", ["直到满分"], "phrase", "直到满分…为止：指标封顶"),
  kw("Stop", ["为止"], "phrase", "为止"),
  kw("AtMost", ["最多", "最高"], "phrase", "最多…分：本句合计的上限（扣分项中「最多扣…分」）"),
  kw("Is", ["属于", "评为", "为"], "phrase", "平台级别 为 国家级、省级：取值型输入的条件；等级中「75～84分为三星」「60分以下评为不合格」同「：」"),
  kw("Baseline", ["基准"], "phrase", "基准值：低于该值得0分"),
  kw("Linear", ["其间按线性计"], "phrase", "基准值与满分值之间按线性插值计分"),
  kw("Between", ["其间得"], "phrase", "基准值与满分值之间得固定分"),
  kw("ChooseOne", ["选其一"], "phrase", "选其一：数据中须且只能填写其中一项"),
  kw("If", ["若"], "phrase", "若…则…：否决条件"),
  kw("Then", ["则"], "phrase", "则"),
  kw("ThisIndicator", ["本指标为"], "phrase", "本指标为0分：指标否决"),
  kw("DirectlyAs", ["直接视为"], "phrase", "直接视为…：体系否决"),
  kw("Relaxable", ["可放宽"], "phrase", "可放宽所列条件"),
  kw("Total", ["总分"], "phrase", "总分（认定条件、否决中可作条件的对象）"),
  kw("ScoreWord", ["类指标得分", "指标得分", "类得分", "得分"], "phrase", "得分：条件的对象是类别、大类或指标的得分（与输入同名时用它区分）"),
  kw("Among", ["其中"], "phrase", "其中：另须同时满足的条件"),
  kw("All", ["均在", "均"], "phrase", "甲、乙 均…：每一项都须满足（「近三年产值均在10亿元以上」）"),
  kw("AnyOf", ["任一"], "phrase", "甲、乙 任一…：至少一项满足"),
  kw("Otherwise", ["其他", "其它", "否则"], "phrase", "其他得N分：不属于前面所列取值时的得分"),
  kw("TakeHigher", ["取其高者", "取较高者", "取高者"], "phrase", "几种计分取其高者"),
  kw("TakeLower", ["取其低者", "取较低者", "取低者"], "phrase", "几种计分取其低者"),
  kw("HighestItem", ["取最高一项", "按最高一项计"], "phrase", "清单中只按最高一项计分"),
  kw("Option", ["选项"], "phrase", "选项（1）…：平台从几种计分方式中选择一种，数据中只填所选一种的输入"),
  kw("NotEligible", ["不符合认定条件"], "phrase", "不符合认定条件的，不予评定等级"),
  kw("NoGrade", ["不予评定等级", "不予评定星级", "不予评定"], "phrase", "不予评定等级：不符合认定条件时没有等级"),
  kw("Eligible", ["认定"], "phrase", "认定结果（是 / 否）"),
  kw("Or", ["或"], "phrase", "或"),
  kw("Keep", ["保留"], "phrase", "保留…位小数"),
  kw("Decimals", ["位小数"], "phrase", "位小数"),
  // partial-step readings
  kw("ReadFloor", ["不足一档不计"], "reading", "不满一档的部分不计（默认读法）：1450家次差50，不扣分"),
  kw("ReadCeil", ["不足一档按一档计"], "reading", "不满一档按一档计：1450家次差50，按一档扣分"),
  kw("ReadProRata", ["按比例计"], "reading", "按比例计：1450家次差50，扣半档"),
  // values
  // √ ✓ ✔ and ✗ ✘ as checklists and Word tables mark yes and no (× is also 否 where a value stands: see the parser)
  kw("Yes", ["是", "√", "✓", "✔"], "value", "是"),
  kw("No", ["否", "✗", "✘"], "value", "否"),
];

/**
 * Units as officers write them. A unit is recognised right after a number (15分, 1500家次)
 * or right after 每 (每项, 每次); elsewhere the same characters are part of names. A rubric
 * may use another unit by declaring it on an input (`设备数：计数 台套`).
 */
export const UNITS: readonly string[] = [
  "个百分点",
  "百分点",
  "万平方米",
  "平方公里",
  "平方米",
  "个工作日",
  "工作日",
  "万人次",
  "万人",
  "家次",
  "人次",
  "场次",
  "万美元",
  "百万元",
  "万元",
  "亿元",
  "千元",
  "台套",
  "个月",
  "小时",
  "分钟",
  "学时",
  "课时",
  "人天",
  "年度",
  "季度",
  "周岁",
  "%",
  "％",
  "分",
  "家",
  "条",
  "次",
  "份",
  "项",
  "元",
  "人",
  "个",
  "种",
  "年",
  "天",
  "月",
  "场",
  "倍",
  "台",
  "套",
  "户",
  "件",
  "篇",
  "名",
  "所",
  "位",
  "周",
  "日",
  "批",
  "期",
  "届",
  "门",
  "栋",
  "座",
  "间",
  "辆",
  "吨",
  "亩",
  "岁",
  "公顷",
  "千克",
  "公斤",
  "克",
  "千米",
  "公里",
  "米",
];

/** Canonical unit for equivalence (％ and % are the same unit). */
export function canonicalUnit(unit: string): string {
  if (unit === "％" || unit === "个百分点" || unit === "百分点") return "%";
  return unit;
}

/** Every surface form with its keyword entry, longest first (the lexer tries them in this order). */
export const KEYWORD_FORMS: readonly { form: string; entry: KeywordEntry }[] = KEYWORDS.flatMap((entry) =>
  entry.forms.map((form) => ({ form, entry })),
)
  .concat(
    COMPARATIVES.map((c) => ({
      form: c.form,
      entry: kw("Comparative", [c.form], "comparative", `${c.form}：x ${OPERATOR_LABEL[c.op]} n`),
    })),
  )
  .sort((a, b) => b.form.length - a.form.length);

export function comparativeOf(form: string): { op: Operator; position: "prefix" | "postfix" } | undefined {
  const c = COMPARATIVES.find((x) => x.form === form);
  return c && { op: c.op, position: c.position };
}
