/** CSV: strict rows (no silent shift), headers as officers make them, and a splitter equal on any chunking. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCsvSplitter, csvField, neutraliseCell, writeCsv, type CsvRecord } from "../../packages/data/src/index.ts";
import { csvOf } from "./helpers.ts";

function split(text: string, sizes: number[]): CsvRecord[] {
  const s = createCsvSplitter();
  const out: CsvRecord[] = [];
  let i = 0;
  for (let k = 0; i < text.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length] ?? text.length);
    out.push(...s.push(text.slice(i, i + n)));
    i += n;
  }
  out.push(...s.end());
  return out;
}

const field = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "甲", ",", '"', "\n", "\r\n", " ", "1", ".", "%", "=", "\t") }),
  fc.constantFrom("", "1,500", '他说"好"', "多行\n文本", "=1+2", "-3.5"),
);

describe("CSV splitter", () => {
  it("reads back what the writer wrote, on any chunking, with any line end", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom("\r\n", "\n"),
        (rows, sizes, eol) => {
          const width = Math.max(...rows.map((r) => r.length));
          const table = rows.map((r) => [...r, ...Array(width - r.length).fill("x")]).map((r) => ["名", ...r]);
          const text = writeCsv(table, { bom: false, eol });
          const got = split(text, sizes).map((r) => r.cells);
          expect(got).toEqual(table.map((r) => r.map(neutraliseCell)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads CR-only files (old Mac Excel) the same as CRLF and LF", () => {
    const rows = (t: string) => split(t, [t.length]).map((r) => r.cells);
    expect(rows("a,b\r1,2\r3,4")).toEqual(rows("a,b\r\n1,2\r\n3,4\r\n"));
    expect(rows("a,b\r1,2\r3,4")).toEqual(rows("a,b\n1,2\n3,4"));
  });

  it("reports text after a closing quote and an unclosed quote, with their line", () => {
    expect(split('a,b\n"x"y,1\n', [99])[1]!.error).toContain("第2行");
    const unclosed = split('a,b\n1,2\n"甲,3\n4,5\n', [3]);
    expect(unclosed.at(-1)!.error).toContain("第3行");
    expect(unclosed.at(-1)!.error).toContain("没有闭合");
  });

  it("chooses tab for Excel's tab-separated text", () => {
    expect(split("名称\t人数\n甲\t1\n", [99]).map((r) => r.cells)).toEqual([
      ["名称", "人数"],
      ["甲", "1"],
    ]);
  });
});

describe("CSV rows (strict)", () => {
  it("a row with one column too many is an error on that row, never a shifted score", () => {
    const r = csvOf("名称,从业人数,专业人员人数\n甲,120,80\n乙,1,200,90\n丙,50,30\n");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: "ZS6003", row: 3 });
    expect(r.errors[0]!.message).toContain("第3行有4列，表头有3列");
    const bad = r.rows.find((x) => x.row === 3)!;
    expect(bad.errors).toHaveLength(1);
    expect(bad.platform).toBe("乙");
    expect(r.rows.filter((x) => !x.errors).map((x) => x.platform)).toEqual(["甲", "丙"]);
  });

  it("a row with a column missing is an error too", () => {
    const r = csvOf("名称,从业人数,专业人员人数\n甲,120\n");
    expect(r.errors[0]).toMatchObject({ code: "ZS6003", row: 2 });
  });

  it("a duplicated column refuses the file, naming both columns", () => {
    const r = csvOf("名称,从业人数,从业人数\n甲,1,2\n");
    expect(r.failed).toBe(true);
    expect(r.rows).toEqual([]);
    expect(r.errors[0]!.code).toBe("ZS6004");
    expect(r.errors[0]!.message).toContain("B列和C列");
  });

  it("a value under a column without a header is an error", () => {
    const r = csvOf("名称,从业人数,\n甲,1,\n乙,2,9\n");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: "ZS6005", row: 3, column: "C列" });
  });

  it("two platform-name columns are refused; an empty name is an error on its row", () => {
    expect(csvOf("名称,平台名称,人数\n甲,甲平台,1\n").errors[0]!.code).toBe("ZS6010");
    const r = csvOf("名称,人数\n,1\n乙,2\n");
    expect(r.errors[0]).toMatchObject({ code: "ZS6011", row: 2 });
  });

  it("blank rows, a 合计 row and notes under the table are not platforms", () => {
    const r = csvOf("名称,人数,分\n甲,1,2\n,,\n\n乙,3,4\n合 计,4,6\n注：数据截至年底,,\n填表人：张三,,\n,,\n");
    expect(r.rows.map((x) => x.platform)).toEqual(["甲", "乙"]);
    expect(r.errors.map((e) => [e.code, e.severity, e.row])).toEqual([
      ["ZS6020", "warning", 6],
      ["ZS6020", "warning", 7],
      ["ZS6020", "warning", 8],
    ]);
  });

  it("a note or signature row of several cells (备注,… / 填表人：…,审核人：…) is a note, not a platform", () => {
    const r = csvOf("序号,名称,人数,分\n1,甲,1,2\n备注,以上数据由各市上报,,\n填表人：张三,,审核人：李四,\n注1：,人数为年末数,,\n");
    expect(r.rows.map((x) => x.platform)).toEqual(["甲"]);
    expect(r.errors.map((e) => [e.code, e.severity, e.row, e.message])).toEqual([
      ["ZS6020", "warning", 3, "第3行「备注」是说明，不是平台，已跳过"],
      ["ZS6020", "warning", 4, "第4行「填表人：张三」是说明，不是平台，已跳过"],
      ["ZS6020", "warning", 5, "第5行「注1：」是说明，不是平台，已跳过"],
    ]);
    // a platform whose name only begins like a label is still a platform
    expect(csvOf("名称,人数,分\n说明书平台,1,2\n注塑产业服务平台,3,4\n").rows.map((x) => x.platform)).toEqual(["说明书平台", "注塑产业服务平台"]);
  });

  it("a platform with only its name in the last row is a platform whose data is missing, not a note skipped with exit 0", () => {
    const r = csvOf("名称,人数,分\n甲,1,2\n乙,,\n注：数据截至年底,,\n以上数据由各市上报,,\n");
    expect(r.rows.map((x) => [x.row, x.platform])).toEqual([[2, "甲"], [3, "乙"]]);
    expect(r.errors.map((e) => [e.code, e.row])).toEqual([["ZS6020", 4], ["ZS6020", 5]]);
    // a lone cell outside the name column (a 序号 with nothing else) is still not a platform
    expect(csvOf("序号,名称,人数,分\n1,甲,1,2\n2,,,\n").rows.map((x) => x.platform)).toEqual(["甲"]);
  });

  it("a 合计 row whose label stands in the 序号 column (name cell empty) is a summary, not a platform without a name", () => {
    const r = csvOf("序号,名称,人数,分\n1,甲,1,2\n2,乙,3,4\n合计,,4,6\n总计（2个平台）：,,4,6\n");
    expect(r.rows.map((x) => x.platform)).toEqual(["甲", "乙"]);
    expect(r.errors.map((e) => [e.code, e.severity, e.row, e.message])).toEqual([
      ["ZS6020", "warning", 4, "第4行「合计」是合计行，不是平台，已跳过"],
      ["ZS6020", "warning", 5, "第5行「总计（2个平台）：」是合计行，不是平台，已跳过"],
    ]);
    // a row with a number in 序号 and no name is still an error
    expect(csvOf("序号,名称,人数,分\n1,甲,1,2\n2,,3,4\n").errors.map((e) => e.code)).toEqual(["ZS6011"]);
  });

  it("a platform with only its name in the middle of the table stays a platform (its data is missing, not skipped)", () => {
    const r = csvOf("名称,人数,分\n甲,,\n乙,3,4\n");
    expect(r.rows.map((x) => x.platform)).toEqual(["甲", "乙"]);
  });

  it("a title row above the header and a two-row merged header (Excel's CSV of merged cells)", () => {
    const text = "2024年度平台数据,,,\n名称,服务情况,,营业收入（万元）\n,服务企业数,用户满意度,\n甲,100,90%,500\n";
    const r = csvOf(text, 5, [{ name: "服务企业数" }, { name: "用户满意度" }, { name: "营业收入", unit: "万元" }]);
    expect(r.errors).toEqual([]);
    expect(r.header?.columns).toEqual(["名称", "服务企业数", "用户满意度", "营业收入"]);
    expect(r.header?.rows).toEqual([2, 3]);
    expect({ ...r.records[0] }).toEqual({ 名称: "甲", 服务企业数: "100", 用户满意度: "90%", 营业收入: "500" });
  });

  it("a second header row is not guessed from a data row", () => {
    const r = csvOf("名称,人数,是否\n甲,1,是\n乙,2,否\n");
    expect(r.header?.rows).toEqual([1]);
    expect(r.rows).toHaveLength(2);
  });

  it("duplicate sub-headers under different groups are told apart by their group", () => {
    const r = csvOf("名称,上年度,,本年度,\n,营业收入,利润,营业收入,利润\n甲,1,2,3,4\n");
    expect(r.header?.columns).toEqual(["名称", "上年度营业收入", "上年度利润", "本年度营业收入", "本年度利润"]);
  });

  it("a header naming another money scale than the rubric is refused", () => {
    const r = csvOf("名称,营业收入（元）\n甲,5000000\n", undefined, [{ name: "营业收入", unit: "万元" }]);
    expect(r.failed).toBe(true);
    expect(r.errors[0]!.code).toBe("ZS6014");
    expect(r.errors[0]!.message).toContain("B列（营业收入（元））的单位是元，评价体系中「营业收入」的单位是万元");
  });

  it("a header naming another size of the rubric's unit is refused, for every family of units (area, people, weight…)", () => {
    const cases: [string, string, string][] = [
      ["服务场地面积（平方米）", "万平方米", "平方米"],
      ["营业收入（百万元）", "万元", "百万元"],
      ["服务人数（万人）", "人", "万人"],
      ["处理量（吨）", "千克", "吨"],
      ["响应时间（分钟）", "小时", "分钟"],
      // as spreadsheets write units, and with 「单位：」
      ["服务场地面积（㎡）", "万平方米", "㎡"],
      ["服务场地面积（平米）", "万平方米", "平米"],
      ["建筑面积（m²）", "万平方米", "m²"],
      ["营业收入（单位：元）", "万元", "元"],
    ];
    for (const [label, unit, written] of cases) {
      const name = label.slice(0, label.indexOf("（"));
      const r = csvOf(`名称,${label}\n甲,5000\n`, undefined, [{ name, unit }]);
      expect(r.failed, label).toBe(true);
      expect(r.errors[0]!.code).toBe("ZS6014");
      expect(r.errors[0]!.message).toContain(`B列（${label}）的单位是${written}，评价体系中「${name}」的单位是${unit}`);
    }
    // one size written two ways, the same unit, and units of other quantities are not a mismatch
    for (const [label, unit] of [["处理量（公斤）", "千克"], ["服务场地面积（平方米）", "平方米"], ["服务场地面积（㎡）", "平方米"], ["营业收入（单位：万元）", "万元"], ["服务企业数（家）", "家"], ["营业收入（人）", "万元"]] as const) {
      const name = label.slice(0, label.indexOf("（"));
      const r = csvOf(`名称,${label}\n甲,5000\n`, undefined, [{ name, unit }]);
      expect(r.errors, label).toEqual([]);
    }
  });

  it("a header of one column joined by semicolons or full-width commas is said once, with the separator to use", () => {
    for (const sep of [";", "；", "，"]) {
      const r = csvOf(`名称${sep}服务企业家次${sep}满意度\n甲${sep}1200${sep}95%\n`, undefined, [{ name: "服务企业家次" }, { name: "满意度" }]);
      expect(r.failed, sep).toBe(true);
      expect(r.errors.map((e) => [e.code, e.row])).toEqual([["ZS6002", 1]]);
      expect(r.errors[0]!.message).toBe(`表头只有一列「名称${sep}服务企业家次${sep}满意度」，其中用「${sep}」隔开了3个列名：CSV 文件的各列应以英文逗号「,」或制表符分隔。请在 Excel 或 WPS 中「另存为」CSV UTF-8（逗号分隔）后再试`);
    }
    // a one-column file without such a separator is read as it is
    expect(csvOf("名称\n甲\n").errors).toEqual([]);
  });

  it("header cells with line breaks (Alt+Enter) and the template's units resolve to the input names", () => {
    const r = csvOf('名称,"服务企业\n家次（家次）","协同评定分（分，0～20）"\n甲,1,2\n', undefined, [{ name: "服务企业家次", unit: "家次" }, { name: "协同评定分" }]);
    expect(r.header?.columns).toEqual(["名称", "服务企业家次", "协同评定分"]);
  });

  it("keeps names like __proto__ and constructor as plain columns", () => {
    const r = csvOf("名称,__proto__,constructor\n甲,1,2\n");
    const rec = r.records[0]!;
    expect(Object.getPrototypeOf(rec)).toBeNull();
    expect(rec["__proto__"]).toBe("1");
    expect(rec["constructor"]).toBe("2");
  });

  it("an empty file says so", () => {
    expect(csvOf("").errors[0]).toMatchObject({ code: "ZS6002" });
    expect(csvOf("\n\n").errors[0]).toMatchObject({ code: "ZS6002" });
  });
});

describe("safe CSV writing (OWASP CSV injection)", () => {
  it("neutralises cells that a spreadsheet would run as a formula", () => {
    for (const v of ["=1+2", '=HYPERLINK("http://x","点我")', "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]) {
      expect(csvField(v).replace(/^"/, "")).toMatch(/^'/);
    }
  });
  it("leaves plain numbers (negative ones too) and ordinary text alone", () => {
    for (const v of ["-2.5", "+3", "15", "90%", "甲平台", "a-b"]) expect(csvField(v)).toBe(v);
  });
  it("quotes delimiters, quotes and line breaks", () => {
    expect(writeCsv([["a,b", 'x"y', "多\n行"]], { bom: false })).toBe('"a,b","x""y","多\n行"\r\n');
  });
  it("starts with a BOM so Excel reads UTF-8", () => {
    expect(writeCsv([["名称"]]).startsWith("\ufeff")).toBe(true);
  });
});

describe("platforms named twice", () => {
  it("are both read, with one warning per name naming every row (CSV, JSON and workbooks alike)", async () => {
    const { readDataBytes } = await import("../../packages/data/src/index.ts");
    const csv = "名称,服务企业数\n甲平台,100\n乙平台,90\n甲平台,80\n丙平台,70\n乙平台,60\n甲平台,50\n";
    const t = await readDataBytes(new TextEncoder().encode(csv), { file: "d.csv" });
    expect(t.rows.map((r) => r.platform)).toEqual(["甲平台", "乙平台", "甲平台", "丙平台", "乙平台", "甲平台"]);
    expect(t.errors.map((e) => [e.code, e.severity, e.row, e.message])).toEqual([
      ["ZS6019", "warning", 4, "平台名称「甲平台」出现了3次（第2行、第4行、第7行），评分结果中会列出3个同名平台，无法区分：请改正重名的平台名称，或删去重复的行"],
      ["ZS6019", "warning", 6, "平台名称「乙平台」出现了2次（第3行、第6行），评分结果中会列出2个同名平台，无法区分：请改正重名的平台名称，或删去重复的行"],
    ]);
    const json = await readDataBytes(new TextEncoder().encode('[{"名称": "甲平台"},\n{"名称": "甲平台", "x": {}}]'), { file: "d.json" });
    expect(json.errors.map((e) => e.code)).toEqual(["ZS6008", "ZS6019"]);
  });

  it("a million distinct names give no warning (hash slots grow; no false repeat)", async () => {
    const { createNameTracker } = await import("../../packages/data/src/names.ts");
    const n = createNameTracker();
    for (let k = 0; k < 1000; k++) n.add(Array.from({ length: 1000 }, (_, i) => ({ row: k * 1000 + i + 2, platform: `平台${k * 1000 + i}`, columns: [], values: [] })));
    expect(n.warnings()).toEqual([]);
    n.add([{ row: 9, platform: "平台999999", columns: [], values: [] }]);
    expect(n.warnings().map((e) => e.message.split("，")[0])).toEqual(["平台名称「平台999999」出现了2次（第1000001行、第9行）"]);
  });
});

describe("a platform name typed over two lines", () => {
  it("is one name (line break and the spaces around it dropped), in CSV and JSON; other cells keep their text", () => {
    const t = csvOf('名称,说明\n"甲\r\n平台","一\n二"\n" 乙平台 \n（长沙）",x\n');
    expect(t.rows.map((r) => [r.platform, r.values])).toEqual([
      ["甲平台", ["甲平台", "一\n二"]],
      ["乙平台（长沙）", ["乙平台（长沙）", "x"]],
    ]);
  });
});

describe("the header repeated under the table", () => {
  it("is skipped with a warning (two tables stacked, pages pasted with their header), not scored as a platform 「名称」", () => {
    const t = csvOf("名称,服务企业数,网站维护\n甲平台,100,是\n,,\n名称,服务企业数,网站维护\n乙平台,90,否\n名称,99,是\n");
    expect(t.rows.map((r) => r.platform)).toEqual(["甲平台", "乙平台", "名称"]);
    expect(t.errors.map((e) => [e.code, e.row, e.message])).toEqual([["ZS6020", 4, "第4行重复了表头（「名称」…），不是平台，已跳过"]]);
  });
});
