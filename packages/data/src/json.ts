/**
 * JSON platform data: an array of objects whose values are single values (text, number,
 * true/false, null). Read incrementally: the top level is scanned for element boundaries, and
 * each element is parsed on its own by a strict parser that keeps numbers as their source
 * text (no binary float in between) and keys in order — `__proto__` is a key like any other.
 */
import { dataError, type DataErrorCode } from "./errors.ts";
import { plainDecimal } from "./number-text.ts";
import { findPlatformColumn } from "./platform.ts";
import { platformName, type RowBatch } from "./table.ts";

export interface JsonElement {
  /** 1-based line where the element starts. */
  line: number;
  /** 1-based position in the array (第几个平台). */
  index: number;
  /** The keys in order, and their values as text by position: numbers as written (exponent expanded), true → 是, false → 否, null → "". */
  keys: string[];
  values: string[];
  /** Why this element cannot be used (then `keys` and `values` are empty). */
  error?: { code: DataErrorCode; message: string };
  /** The name of a platform whose element cannot be used, when its name field could be read. */
  platform?: string;
}

export interface JsonScanner {
  push(text: string): { elements: JsonElement[]; fatal?: { line: number; message: string } };
  end(): { elements: JsonElement[]; fatal?: { line: number; message: string } };
}

const enum Top {
  BeforeArray,
  ExpectElement, // after `[` or `,`
  AfterElement, // expect `,` or `]`
  InElement,
  AfterArray,
  Failed,
}

const SHAPE = `JSON 数据应为一个数组，每个元素是一个平台的对象，例如 [{"名称": "甲平台", "从业人数": 120}, …]`;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export function createJsonScanner(): JsonScanner {
  let top = Top.BeforeArray;
  let line = 1;
  let count = 0;
  // the element being collected
  let parts: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let elementLine = 1;
  let sawComma = false;

  const fail = (message: string) => {
    top = Top.Failed;
    return { line, message };
  };

  const push = (text: string) => {
    const elements: JsonElement[] = [];
    if (top === Top.Failed) return { elements };
    const n = text.length;
    let i = 0;
    let start = -1; // start of the element's text in this chunk
    while (i < n) {
      const c = text.charCodeAt(i);
      if (top === Top.InElement) {
        if (start < 0) start = i;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
          else if (c === 10) line++;
        } else if (depth === 0 && (c === 44 || c === 93 || isSpace(c))) {
          // a scalar element ended (e.g. `[1200, 15]`): the comma, bracket or space is read in AfterElement
          parts.push(text.slice(start, i));
          start = -1;
          elements.push(parseElement(parts.join(""), elementLine, ++count));
          parts = [];
          top = Top.AfterElement;
          continue;
        } else if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          depth--;
          if (depth === 0) {
            parts.push(text.slice(start, i + 1));
            start = -1;
            elements.push(parseElement(parts.join(""), elementLine, ++count));
            parts = [];
            top = Top.AfterElement;
          }
        } else if (c === 10) line++;
        i++;
        continue;
      }
      if (c === 10) line++;
      if (isSpace(c) || c === 0xfeff) {
        i++;
        continue;
      }
      const ch = text[i]!;
      switch (top) {
        case Top.BeforeArray:
          if (ch !== "[") return { elements, fatal: fail(ch === "{" ? `${SHAPE}；这个文件的最外层是一个对象` : SHAPE) };
          top = Top.ExpectElement;
          sawComma = false;
          break;
        case Top.ExpectElement:
          if (ch === "]") {
            if (sawComma) return { elements, fatal: fail(`第${line}行：数组最后一个元素后面多了逗号（JSON 不允许）`) };
            top = Top.AfterArray;
            break;
          }
          if (ch === ",") return { elements, fatal: fail(`第${line}行：两个逗号之间缺少元素`) };
          top = Top.InElement;
          elementLine = line;
          depth = 0;
          inString = false;
          escaped = false;
          continue; // read the first character as part of the element
        case Top.AfterElement:
          if (ch === ",") {
            top = Top.ExpectElement;
            sawComma = true;
          } else if (ch === "]") top = Top.AfterArray;
          else return { elements, fatal: fail(`第${line}行：平台之间缺少逗号，或出现了多余的「${ch}」`) };
          break;
        case Top.AfterArray:
          return { elements, fatal: fail(`第${line}行：数组结束后还有内容「${ch}」`) };
      }
      i++;
    }
    if (top === Top.InElement && start >= 0) parts.push(text.slice(start));
    return { elements };
  };

  return {
    push,
    end() {
      if (top === Top.Failed) return { elements: [] };
      if (top === Top.BeforeArray) return { elements: [], fatal: fail(`文件是空的。${SHAPE}`) };
      if (top === Top.InElement && depth === 0 && !inString && parts.length > 0) {
        // a scalar element at the very end without `]`
        return { elements: [], fatal: fail(`第${line}行：数组没有以「]」结束`) };
      }
      if (top !== Top.AfterArray) return { elements: [], fatal: fail(`第${line}行：文件在数组结束（「]」）之前就结束了，可能不完整`) };
      return { elements: [] };
    },
  };
}

/** Strict JSON for one element; numbers keep their text. */
function parseElement(src: string, line: number, index: number): JsonElement {
  const p = new ElementParser(src);
  // a refused element keeps its platform's name when the name field could be read (before the problem, or after a nested value)
  const fail = (message: string, code: DataErrorCode = "ZS6007"): JsonElement => {
    const platform = nameIn(p.keys, p.values);
    return { line, index, keys: [], values: [], error: { code, message }, ...(platform ? { platform } : {}) };
  };
  const where = () => `第${index}个平台（第${line + p.linesBefore()}行）`;
  try {
    p.space();
    if (p.peek() !== "{") return fail(`第${index}个元素（第${line}行）不是对象：${SHAPE}`, "ZS6009");
    const { keys, values } = p.object(where);
    p.space();
    if (!p.done()) throw new SyntaxError(`多余的「${p.peek()}」`);
    if (p.problem) return fail(p.problem.message, p.problem.code);
    return { line, index, keys, values };
  } catch (e) {
    if (p.problem) return fail(p.problem.message, p.problem.code);
    if (e instanceof SyntaxError) return fail(`${where()}：JSON 格式错误，${e.message}`);
    throw e;
  }
}

/** The platform's name among an element's fields (one rule: the data file's platform-name column). */
function nameIn(keys: readonly string[], values: readonly string[]): string | undefined {
  const p = findPlatformColumn(keys);
  return p && "index" in p ? platformName(values[p.index]?.trim() ?? "") || undefined : undefined;
}

class ElementParser {
  private i = 0;
  /** The fields read so far (all of them once `object` returns). */
  readonly keys: string[] = [];
  readonly values: string[] = [];
  /** The first reason the element cannot be used; parsing goes on past it to find the platform's name. */
  problem: ElementError | undefined;
  constructor(private readonly s: string) {}

  linesBefore(): number {
    let n = 0;
    for (let k = this.s.indexOf("\n"); k >= 0 && k < this.i; k = this.s.indexOf("\n", k + 1)) n++;
    return n;
  }
  done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): string {
    return this.s[this.i] ?? "";
  }
  space(): void {
    while (this.i < this.s.length && isSpace(this.s.charCodeAt(this.i))) this.i++;
  }
  private expect(ch: string): void {
    if (this.s[this.i] !== ch) throw new SyntaxError(this.done() ? `缺少「${ch}」` : `应为「${ch}」，实际为「${this.s[this.i]}」`);
    this.i++;
  }

  object(where: () => string): { keys: string[]; values: string[] } {
    this.expect("{");
    const { keys, values } = this;
    let seen: Set<string> | undefined; // a set only for wide objects: a scan is cheaper for the usual few dozen keys
    this.space();
    if (this.peek() === "}") {
      this.i++;
      return { keys, values };
    }
    for (;;) {
      this.space();
      if (this.peek() !== '"') throw new SyntaxError(this.peek() === "}" ? "最后一个字段后面多了逗号" : `字段名应以双引号开始，实际为「${this.peek()}」`);
      // a field name is read like a CSV header: spaces around it are not part of it (「服务企业家次 」 is 服务企业家次, twice is refused)
      const key = this.string().trim();
      this.space();
      this.expect(":");
      this.space();
      const c = this.peek();
      if (c === "{" || c === "[") {
        this.problem ??= new ElementError("ZS6008", `${where()}：字段「${key}」的值是${c === "{" ? "对象" : "数组"}，应为单个值（数字、文本、true/false 或 null）`);
        this.skipNested();
      } else {
        const value = this.scalar();
        if (keys.length === 32) seen = new Set(keys);
        if (seen ? seen.has(key) : keys.includes(key)) this.problem ??= new ElementError("ZS6004", `${where()}：字段「${key}」出现了两次，无法确定用哪个值`);
        else {
          keys.push(key);
          seen?.add(key);
          values.push(value);
        }
      }
      this.space();
      if (this.peek() === ",") {
        this.i++;
        continue;
      }
      this.expect("}");
      return { keys, values };
    }
  }

  /** Past an object or array value (already refused), strings and nesting included. */
  private skipNested(): void {
    let depth = 0;
    do {
      const c = this.peek();
      if (c === "") throw new SyntaxError("缺少「}」");
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") depth--;
      this.i++;
    } while (depth > 0);
  }

  private scalar(): string {
    const c = this.peek();
    if (c === '"') return this.string();
    if (this.s.startsWith("true", this.i)) return this.word("true", "是");
    if (this.s.startsWith("false", this.i)) return this.word("false", "否");
    if (this.s.startsWith("null", this.i)) return this.word("null", "");
    const end = this.number();
    if (end < 0) throw new SyntaxError(c === "" ? "缺少字段值" : `无法识别的值「${this.s.slice(this.i, this.i + 12).split(/[,}\n]/)[0]}」（文本要用双引号括起来）`);
    const text = this.s.slice(this.i, end);
    this.i = end;
    // the written digits are the value; only an exponent is expanded (exactly, as text)
    return text.includes("e") || text.includes("E") ? plainDecimal(text) : text;
  }

  /** End of a JSON number starting at `i` (grammar of RFC 8259), or -1. Scanned by character codes: no substring per digit. */
  private number(): number {
    const s = this.s;
    let k = this.i;
    const digitAt = (j: number) => {
      const c = s.charCodeAt(j);
      return c >= 48 && c <= 57;
    };
    if (s.charCodeAt(k) === 45) k++; // -
    if (s.charCodeAt(k) === 48) k++; // a leading 0 stands alone
    else if (digitAt(k)) while (digitAt(k)) k++;
    else return -1;
    if (s.charCodeAt(k) === 46) {
      if (!digitAt(k + 1)) return -1;
      k++;
      while (digitAt(k)) k++;
    }
    const e = s.charCodeAt(k);
    if (e === 101 || e === 69) {
      let j = k + 1;
      const sign = s.charCodeAt(j);
      if (sign === 43 || sign === 45) j++;
      if (!digitAt(j)) return -1;
      while (digitAt(j)) j++;
      k = j;
    }
    return k;
  }

  private word(w: string, value: string): string {
    this.i += w.length;
    return value;
  }

  private string(): string {
    this.expect('"');
    let out = "";
    for (;;) {
      const q = this.s.indexOf('"', this.i);
      const b = this.s.indexOf("\\", this.i);
      if (q < 0) throw new SyntaxError("文本缺少结束的双引号");
      if (b < 0 || q < b) {
        const piece = this.s.slice(this.i, q);
        if (/[\u0000-\u001f]/.test(piece)) throw new SyntaxError("文本中有未转义的换行或控制字符");
        out += piece;
        this.i = q + 1;
        return out;
      }
      const piece = this.s.slice(this.i, b);
      if (/[\u0000-\u001f]/.test(piece)) throw new SyntaxError("文本中有未转义的换行或控制字符");
      out += piece;
      const e = this.s[b + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e !== undefined && e in simple) {
        out += simple[e];
        this.i = b + 2;
      } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(this.s.slice(b + 2, b + 6))) {
        out += String.fromCharCode(parseInt(this.s.slice(b + 2, b + 6), 16));
        this.i = b + 6;
      } else throw new SyntaxError(`无效的转义「\\${e ?? ""}」`);
    }
  }
}

/** An element that parsed but cannot be used; its message is complete. */
class ElementError extends SyntaxError {
  constructor(
    readonly code: DataErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * JSON elements → platform rows. The columns are the keys in order of first appearance; when a
 * later platform brings a new key the rows from then on share a longer column list.
 */
export function createJsonAssembler(): { push(elements: readonly JsonElement[]): RowBatch; readonly columns: readonly string[] } {
  let columns: string[] = [];
  const index = new Map<string, number>();
  let nameKey: string | undefined; // the platform-name field, once an element has given it
  return {
    get columns() {
      return columns;
    },
    push(elements) {
      const out: RowBatch = { rows: [], errors: [] };
      for (const el of elements) {
        if (el.error) {
          const e = dataError(el.error.code, el.error.message, { row: el.line });
          out.errors.push(e);
          out.rows.push({ row: el.line, ...(el.platform ? { platform: el.platform } : {}), columns, values: [], errors: [e] });
          continue;
        }
        let grown = false;
        for (const k of el.keys) {
          if (!index.has(k)) {
            if (!grown) {
              columns = columns.slice();
              grown = true;
            }
            index.set(k, columns.length);
            columns.push(k);
          }
        }
        const values = new Array<string>(columns.length).fill("");
        for (let j = 0; j < el.keys.length; j++) values[index.get(el.keys[j]!)!] = el.values[j]!.trim();
        const p = findPlatformColumn(el.keys);
        if (p && "index" in p) values[index.get(p.name)!] = platformName(values[index.get(p.name)!]!);
        const where = `第${el.index}个平台（第${el.line}行）`;
        if (p && "error" in p) {
          const e = dataError("ZS6010", `${where}：${p.error.replace("表头同时有", "同时有").replace("列，", "字段，")}`, { row: el.line });
          out.errors.push(e);
          out.rows.push({ row: el.line, columns, values, errors: [e] });
          continue;
        }
        const platform = p ? values[index.get(p.name)!]! : undefined;
        // the file names its platforms (an earlier element had 「名称」): one without the field is no more a platform than one with it empty
        const named = p ?? (nameKey === undefined ? undefined : { name: nameKey });
        if (p) nameKey ??= p.name;
        if (named && !platform) {
          const e = dataError("ZS6011", `${where}没有平台名称（${p ? `「${named.name}」为空` : `没有「${named.name}」字段`}）`, { row: el.line });
          out.errors.push(e);
          out.rows.push({ row: el.line, columns, values, errors: [e] });
          continue;
        }
        out.rows.push({ row: el.line, ...(platform ? { platform } : {}), columns, values });
      }
      return out;
    },
  };
}
