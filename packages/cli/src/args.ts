/**
 * Command-line arguments through node:util parseArgs (strict): an unknown option, a missing
 * value or a value outside the allowed choices is a usage error (exit 2) with a Chinese line.
 */
import { parseArgs } from "node:util";
import { CliError, EXIT } from "./io.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** Placeholder of the value in help text (「文件」). */
  value?: string;
  /** Allowed values of a string option. */
  choices?: readonly string[];
  help: string;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

export interface ArgsShape {
  command: string;
  options: Record<string, OptionSpec>;
  positionals: { min: number; max?: number };
}

/** Parses argv for one command; `--help`/`-h` is always accepted and left for the caller. */
export function parseCommandArgs(argv: readonly string[], shape: ArgsShape): ParsedArgs {
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = { help: { type: "boolean", short: "h" } };
  for (const [name, o] of Object.entries(shape.options)) options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new CliError(argsMessage(e as NodeJS.ErrnoException, shape), EXIT.usage);
  }
  const values = parsed.values as ParsedArgs["values"];
  if (values["help"]) return { positionals: parsed.positionals, values };
  for (const [name, o] of Object.entries(shape.options)) {
    const v = values[name];
    if (o.choices && typeof v === "string" && !o.choices.includes(v))
      throw new CliError(`选项 --${name} 不接受「${v}」，可用：${o.choices.join("、")}（zhunsheng ${shape.command} --help 查看用法）`, EXIT.usage);
    if (o.type === "string" && typeof v === "string" && v.trim() === "") throw new CliError(`选项 --${name} 的值为空（zhunsheng ${shape.command} --help 查看用法）`, EXIT.usage);
  }
  const n = parsed.positionals.length;
  const { min, max } = shape.positionals;
  if (n < min) throw new CliError(`缺少参数（zhunsheng ${shape.command} --help 查看用法）`, EXIT.usage);
  if (max !== undefined && n > max) throw new CliError(`多余的参数「${parsed.positionals[max]}」（zhunsheng ${shape.command} --help 查看用法）`, EXIT.usage);
  return { positionals: parsed.positionals, values };
}

function argsMessage(e: NodeJS.ErrnoException, shape: ArgsShape): string {
  const hint = `（zhunsheng ${shape.command} --help 查看用法）`;
  const option = /'(?:-\w, )?(--?[^' ,]+)/.exec(e.message)?.[1] ?? "";
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `未知选项 ${option}${hint}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (/does not take an argument/.test(e.message)) return `选项 ${option} 不带值${hint}`;
      if (/ambiguous/.test(e.message)) return `选项 ${option} 缺少值（值以 - 开头时写成 ${option}=值）${hint}`;
      return `选项 ${option} 缺少值${hint}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `多余的参数${hint}`;
    default:
      return `参数有误：${e.message}${hint}`;
  }
}

/** The string value of an option, if given. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
