/**
 * Problems with a data file, as values: each names the file, the row (as the officer's
 * spreadsheet numbers it) and, where it can, the column. Codes ZS6xxx are the data file's.
 */

export type DataSeverity = "error" | "warning";

export interface DataError {
  code: DataErrorCode;
  severity: DataSeverity;
  /** Chinese, saying what is wrong and what to do; it already names row and column. */
  message: string;
  /** 1-based row (CSV line, sheet row, or JSON element number with `element`). */
  row?: number;
  /** Column as the officer sees it: a letter and the header name, e.g. 「C列（从业人数）」. */
  column?: string;
}

/** The catalogue: one code per kind of problem. */
export const DATA_ERRORS = {
  ZS6001: "无法识别文件编码",
  ZS6002: "文件为空或没有表头",
  ZS6003: "列数与表头不一致",
  ZS6004: "表头有重复的列",
  ZS6005: "没有表头的列中有数据",
  ZS6006: "CSV 引号不配对",
  ZS6007: "JSON 格式错误",
  ZS6008: "JSON 字段值不是单个值",
  ZS6009: "JSON 结构不是平台数组",
  ZS6010: "平台名称列不唯一",
  ZS6011: "平台名称为空",
  ZS6012: "工作表不存在",
  ZS6013: "无法打开工作簿",
  ZS6014: "表头单位与体系不一致",
  ZS6015: "不支持的文件格式",
  ZS6016: "公式没有保存计算结果",
  ZS6017: "数字格式缩小了显示的数值",
  ZS6018: "多张工作表都有平台数据",
  ZS6019: "平台名称重复",
  ZS6020: "跳过的说明行或合计行",
  ZS6021: "隐藏的行或列已读入",
  ZS6022: "数据区有合并单元格",
} as const;

export type DataErrorCode = keyof typeof DATA_ERRORS;

export function dataError(code: DataErrorCode, message: string, at: { row?: number; column?: string } = {}, severity: DataSeverity = "error"): DataError {
  return { code, severity, message, ...(at.row !== undefined ? { row: at.row } : {}), ...(at.column !== undefined ? { column: at.column } : {}) };
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let k = index + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** 「C列（从业人数）」, or 「C列」 when the column has no name. */
export function columnLabel(index: number, name?: string): string {
  return name ? `${columnLetter(index)}列（${name}）` : `${columnLetter(index)}列`;
}

/** One line for a terminal or a log: `file:row 错误 ZS6003 message`. */
export function formatDataError(file: string, e: DataError): string {
  const where = e.row !== undefined ? `${file}:${e.row}` : file;
  return `${where} ${e.severity === "error" ? "错误" : "警告"} ${e.code} ${e.message}`;
}
