/**
 * The command table: every command's name, help text and options in one place. It imports
 * nothing heavy — `zhunsheng --help` and `zhunsheng score --help` read only this file — and
 * each command's code (which loads the core, publish, the server) is imported when it runs.
 */
import type { ArgsShape, OptionSpec, ParsedArgs } from "./args.ts";
import type { Io } from "./io.ts";

export interface CommandModule {
  run(args: ParsedArgs, io: Io): Promise<number> | number;
}

export interface CommandSpec extends ArgsShape {
  summary: string;
  /** Synopsis lines after 「用法：」. */
  usage: string[];
  /** Paragraphs after the synopsis: what it does, what it prints, its exit codes if special. */
  details: string[];
  examples?: string[];
  load(): Promise<CommandModule>;
}

const json: OptionSpec = { type: "boolean", help: "以 JSON 输出结果" };
const out: OptionSpec = { type: "string", short: "o", value: "文件", help: "写入文件而不是标准输出（- 表示标准输出）" };
const data: OptionSpec = { type: "string", short: "d", value: "数据文件", help: "平台数据（.csv、.json 或 .xlsx；- 表示标准输入）" };
const sheet: OptionSpec = { type: "string", value: "工作表", help: "读取 XLSX 工作簿中的这张工作表（默认第一张）" };
/** What every command that reads platform data says about the files it takes. */
const DATA_FILES =
  "数据文件：CSV（UTF-8、UTF-16 或 Excel/WPS 保存的 GBK 编码均可）、JSON 数组或 XLSX 工作簿；表头为输入名称（可带单位，如「营业收入（万元）」，可为两行合并表头），「名称」或「平台名称」列为平台名称。列数与表头不符的行、重复的列等问题逐条报告行号，这样的行不参与评分。";

export const COMMANDS: readonly CommandSpec[] = [
  {
    command: "check",
    summary: "检查评价体系文件（目录中的全部 .zs 文件）",
    usage: ["zhunsheng check [文件或目录…] [--json]", "zhunsheng check --publish [文件或目录…] [--json]"],
    details: [
      "逐条列出诊断：路径:行:列 级别 代码 消息。不给路径时检查当前目录；- 表示从标准输入读取一个体系。",
      "--publish 做发布前检查，逐项列出通过与否。",
      "退出码：0 没有错误；1 有错误、未通过发布前检查，或没有找到任何 .zs 文件；2 参数有误或有文件无法读取。",
    ],
    options: { json, publish: { type: "boolean", help: "发布前检查（类别合计、权重、等级区间、描述与规则一致、用例等）" } },
    positionals: { min: 0 },
    examples: ["zhunsheng check rules/", "zhunsheng check --publish rules/hunan/ --json"],
    load: () => import("./commands/check.ts"),
  },
  {
    command: "test",
    summary: "运行评价体系文件中的用例",
    usage: ["zhunsheng test [文件或目录…] [--json]"],
    details: ["逐个用例输出 ✓ 或 ✗（附不符之处），最后一行「N passed, N failed」。", "退出码：0 全部通过；1 有用例失败、体系有错误或没有找到用例；2 参数有误或有文件无法读取。"],
    options: { json },
    positionals: { min: 0 },
    examples: ["zhunsheng test rules/"],
    load: () => import("./commands/test.ts"),
  },
  {
    command: "inputs",
    summary: "列出体系需要的输入，或输出空白数据表",
    usage: ["zhunsheng inputs <体系文件> [--json] [--template csv|xlsx] [--out 文件]"],
    details: [
      "列出每个输入的名称、类别、类型、单位、范围和说明。",
      "--template 输出空白数据表，表头为「名称」和每个输入（带单位和范围，如「协同评定分（分，0～20）」，读入时对应回输入名称）：csv 为 UTF-8 带 BOM 的 CSV；xlsx 为工作簿，表头冻结，说明写在批注中，「是/否」列有下拉选择，数值列限定范围，另附「填表说明」工作表（不给 --out 时写入「体系名-数据表.xlsx」）。",
    ],
    options: { json, template: { type: "string", value: "格式", choices: ["csv", "xlsx"], help: "输出空白数据表" }, out },
    positionals: { min: 1, max: 1 },
    load: () => import("./commands/inputs.ts"),
  },
  {
    command: "score",
    summary: "为数据文件中的每个平台评分",
    usage: ["zhunsheng score <体系文件> --data <数据文件> [--json | --jsonl] [--out 文件]"],
    details: [
      DATA_FILES + "- 表示标准输入。CSV 和 JSON 逐行读取、逐行输出，内存不随行数增长。",
      "默认输出表格；--json 输出一个 JSON 数组（每个平台一个对象：总分、等级、认定、各类别小计、各指标得分、数据错误）；--jsonl 每行一个对象。",
      "退出码：0 每个平台都已评分；1 体系有错误，或有平台的数据有误；2 参数有误或文件无法读取。",
    ],
    options: {
      data,
      sheet,
      json,
      jsonl: { type: "boolean", help: "每行一个平台的 JSON 对象（JSON Lines）" },
      out,
    },
    positionals: { min: 1, max: 1 },
    examples: ["zhunsheng score rules/national/2024/中小企业公共服务规范评价指标.zs --data 平台.csv --json > 结果.json"],
    load: () => import("./commands/score.ts"),
  },
  {
    command: "explain",
    summary: "说明某个平台每一项的得分",
    usage: ["zhunsheng explain <体系文件> --data <数据文件> --platform <名称> [--json] [--out 文件]"],
    details: ["逐类别、逐指标说明得分的来历；--json 输出评分结果和说明树（label、text、score、max、children）。", DATA_FILES, "退出码：0 已说明；1 体系有错误、数据中没有该平台或该平台数据有误；2 参数有误或文件无法读取。"],
    options: {
      data,
      sheet,
      platform: { type: "string", short: "p", value: "名称", help: "要说明的平台名称" },
      json,
      out,
    },
    positionals: { min: 1, max: 1 },
    load: () => import("./commands/explain.ts"),
  },
  {
    command: "fmt",
    summary: "统一排版（保留注释）",
    usage: ["zhunsheng fmt <文件或目录…> [--check] [--json]", "zhunsheng fmt - < 体系.zs > 排版后.zs"],
    details: ["就地改写需要排版的文件；--check 只列出需要排版的文件。- 从标准输入读取并把结果写到标准输出。", "退出码：0 已排版（或 --check 时都已规范）；1 有文件无法解析，或 --check 时有文件需要排版；2 参数有误或文件无法读写。"],
    options: { check: { type: "boolean", help: "只检查，不改写" }, json },
    positionals: { min: 1 },
    load: () => import("./commands/fmt.ts"),
  },
  {
    command: "diff",
    summary: "两个版本的规则变化及其对平台得分的影响；--memo 生成修订说明",
    usage: [
      "zhunsheng diff <原版本.zs> <新版本.zs> [--data 数据文件] [--format md|html|json] [--out 文件]",
      "zhunsheng diff <原版本.zs> <新版本.zs> --memo [--data 数据文件] [--reasons 理由.txt] [--format md|docx] [--out 文件]",
    ],
    details: [
      "逐条列出语义变化；给出 --data 时计算每个平台变更前后的得分、名次和等级。",
      "--memo 生成修订说明（Markdown 或 Word）：每处修订一条，附「修订理由」（--reasons 文件中按序号逐行写「1. 理由」，未写的留待填写），以及对所给数据的影响。docx 不写到终端：不给 --out 时写入「修订说明.docx」。",
    ],
    options: {
      data: { ...data, help: "用于计算影响的平台数据（.csv、.json 或 .xlsx）" },
      sheet,
      format: { type: "string", value: "格式", choices: ["md", "html", "json", "docx"], help: "报告格式（默认 md；修订说明可用 md、docx）" },
      json: { type: "boolean", help: "同 --format json" },
      memo: { type: "boolean", help: "生成修订说明而不是变更报告" },
      reasons: { type: "string", value: "文件", help: "修订理由：每行「序号. 理由」" },
      out,
    },
    positionals: { min: 2, max: 2 },
    load: () => import("./commands/diff.ts"),
  },
  {
    command: "export",
    summary: "导出公布用的指标体系表（公布的就是规则）",
    usage: ["zhunsheng export <体系文件> --format docx|xlsx|html|md [--out 文件] [--draft] [--regenerate]"],
    details: [
      "只有发布前检查（check --publish）全部通过才导出正式文本；--draft 导出征求意见稿：每页标注「征求意见稿」，附待解决的问题。",
      "指标描述中的计分短语逐句与计分句核对：不一致时拒绝导出并列出位置；--regenerate 按计分句改写描述中的数字（只改导出的文本，不改文件）。",
      "docx、xlsx 不写到终端：不给 --out 时写入当前目录的「体系名.格式」（征求意见稿为「体系名-征求意见稿.格式」）。",
      "退出码：0 已导出；1 体系有错误、描述与计分句不一致，或（不加 --draft 时）发布前检查未通过；2 参数有误或文件无法读写。",
    ],
    options: {
      format: { type: "string", value: "格式", choices: ["docx", "xlsx", "html", "md"], help: "导出格式（默认 md）" },
      out,
      draft: { type: "boolean", help: "导出征求意见稿（每页标注，附待解决的问题）" },
      regenerate: { type: "boolean", help: "按计分句改写描述中不一致的数字，而不是拒绝导出" },
    },
    positionals: { min: 1, max: 1 },
    examples: ["zhunsheng export rules/hunan/未注明年度/市州综合窗口平台.zs --format docx", "zhunsheng export 草案.zs --format docx --draft --regenerate"],
    load: () => import("./commands/export.ts"),
  },
  {
    command: "import",
    summary: "由公布的指标体系表（docx、xlsx、csv、txt、md、html）生成草稿 .zs",
    usage: ["zhunsheng import <指标体系表> [--table 表名片段] [--sheet 工作表] [--out 草稿.zs] [--report 报告.md] [--json]"],
    details: [
      "读取 Word（.docx）、Excel/WPS（.xlsx）、CSV（UTF-8、GBK）、文本、Markdown、HTML 中的指标体系表：多行表头、合并单元格、加分项（及其上限）、附件中的证明材料清单、标题中的地区与平台类型。",
      "描述中的计分句（达标与逐档扣分、逐项加分、逐次扣分（减/扣）、分档、区间、基准值与满分值、综合评定、酌情加分、封顶、指标否决）写成计分规则；其余在草稿中标「# 待补」。",
      "识别报告写到标准错误（--report 另存为 Markdown）；--json 输出识别结果与草稿。",
      "退出码：0 已生成草稿；1 没有找到指标体系表，或草稿有错误（改正后才能评分）；2 参数有误或文件无法读写。",
    ],
    options: {
      table: { type: "string", value: "片段", help: "文件中有多张表时，按标题片段选择" },
      sheet,
      out,
      report: { type: "string", value: "文件", help: "把识别报告另存为 Markdown" },
      json,
    },
    positionals: { min: 1, max: 1 },
    examples: ["zhunsheng import 附件1评价指标体系表.docx --out 草稿.zs --report 导入报告.md"],
    load: () => import("./commands/import.ts"),
  },
  {
    command: "serve",
    summary: "HTTP 评分服务：列出体系、为平台评分、说明得分、检查体系文本",
    usage: ["zhunsheng serve <规则目录> [--port 8080] [--host 127.0.0.1] [--max-batch 100000] [--max-body-mb 256]"],
    details: [
      "启动时读取规则目录中的全部 .zs 文件（只读，不写入、不重读）；体系编号为目录中的路径去掉 .zs，版本为文本的 SHA-256。",
      "接口：GET /rubrics，GET /rubrics/{编号}，POST /rubrics/{编号}/score（一个平台）、/batch（平台数组，结果逐个写出）、/explain（说明树），POST /check（体系文本，只分析不执行）；接口说明 GET /openapi.json，数据模式 GET /schemas/verdict.json 等（与 score --json 相同）。",
      "错误为 { error: { code, message } }，消息为中文：ZS7xxx 服务，ZS6xxx 数据。",
    ],
    options: {
      port: { type: "string", value: "端口", help: "监听端口（默认 8080；0 表示任选一个空闲端口）" },
      host: { type: "string", value: "地址", help: "监听地址（默认 127.0.0.1，只接受本机请求；0.0.0.0 接受所有网络）" },
      "max-batch": { type: "string", value: "个数", help: "一次批量评分最多的平台数（默认 100000）" },
      "max-body-mb": { type: "string", value: "MB", help: "请求体上限（默认 256）" },
    },
    positionals: { min: 1, max: 1 },
    examples: ["zhunsheng serve rules/ --port 8080", "curl -X POST http://127.0.0.1:8080/rubrics/national%2F2024%2F中小企业公共服务规范评价指标/score -H 'content-type: application/json' -d @平台.json"],
    load: () => import("./commands/serve.ts"),
  },
  {
    command: "lsp",
    summary: "语言服务器（LSP，经标准输入输出），供 VS Code、Neovim 等编辑器使用",
    usage: ["zhunsheng lsp"],
    details: [
      "由编辑器启动，经标准输入输出讲 Language Server Protocol：诊断与快速修复、补全、悬停、跳转、引用、重命名、排版、语义着色、大纲、折叠，以及评分与得分说明命令。",
      "监视编辑器打开的整个规则目录：重命名输入时，示例数据的表头和概念表一并修改。",
    ],
    options: {},
    positionals: { min: 0, max: 0 },
    examples: ["nvim：vim.lsp.start_client({ cmd = { \"zhunsheng\", \"lsp\" }, root_dir = \"rules\" })"],
    load: () => import("./commands/lsp.ts"),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.command === name);
}

/** Display width: CJK characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const padEnd = (s: string, w: number) => s + " ".repeat(Math.max(0, w - displayWidth(s)));

export function globalHelp(): string {
  const w = Math.max(...COMMANDS.map((c) => c.command.length));
  return [
    "准绳 zhunsheng：可执行的中小企业公共服务平台评价指标体系",
    "",
    "用法：zhunsheng <命令> [参数]",
    "",
    "命令：",
    ...COMMANDS.map((c) => `  ${padEnd(c.command, w)}  ${c.summary}`),
    "",
    "每个命令的用法：zhunsheng <命令> --help",
    "其他：zhunsheng --version 显示版本",
    "",
    "退出码：0 正常；1 发现问题（体系有错误、用例失败、数据有误）；2 参数有误或文件无法读写。",
    "",
  ].join("\n");
}

export function commandHelp(c: CommandSpec): string {
  const opts = Object.entries(c.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` <${o.value ?? "值"}>` : ""}`;
    return [flag, o.help + (o.choices ? `（${o.choices.join("、")}）` : "")] as const;
  });
  opts.push(["-h, --help", "显示本说明"]);
  const w = Math.max(...opts.map(([f]) => displayWidth(f)));
  return [
    `zhunsheng ${c.command}：${c.summary}`,
    "",
    ...c.usage.map((u, i) => `${i === 0 ? "用法：" : "      "}${u}`),
    "",
    ...c.details,
    "",
    "选项：",
    ...opts.map(([f, h]) => `  ${padEnd(f, w)}  ${h}`),
    ...(c.examples?.length ? ["", "例：", ...c.examples.map((e) => `  ${e}`)] : []),
    "",
  ].join("\n");
}
