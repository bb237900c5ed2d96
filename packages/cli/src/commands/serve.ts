/** `zhunsheng serve <rules-folder> [--port 8080] [--host 127.0.0.1]`: the scoring service (HTTP, JSON). */
import { stringOption, type ParsedArgs } from "../args.ts";
import { CliError, EXIT, type Io } from "../io.ts";

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const port = Number(stringOption(args, "port") ?? "8080");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`端口应为 0～65535 的整数，而不是「${stringOption(args, "port")}」`, EXIT.usage);
  const host = stringOption(args, "host") ?? "127.0.0.1";
  const positive = (name: string, fallback: number) => {
    const v = stringOption(args, name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new CliError(`--${name} 应为正整数，而不是「${v}」`, EXIT.usage);
    return n;
  };
  const { DEFAULT_LIMITS, buildServer } = await import("../serve/app.ts");
  const { loadCatalogue } = await import("../serve/catalogue.ts");
  const limits = { bodyBytes: positive("max-body-mb", DEFAULT_LIMITS.bodyBytes / 1024 / 1024) * 1024 * 1024, batch: positive("max-batch", DEFAULT_LIMITS.batch), rubricChars: DEFAULT_LIMITS.rubricChars };
  const catalogue = loadCatalogue(args.positionals[0]!, io.cwd);
  for (const p of catalogue.problems) io.stderr.write(p + "\n");
  const app = await buildServer(catalogue, limits);
  let address: string;
  try {
    address = await app.listen({ port, host });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === "EADDRINUSE" ? `端口 ${port} 已被占用：用 --port 换一个` : code === "EACCES" ? `没有权限监听端口 ${port}` : `无法监听 ${host}:${port}（${code ?? (e as Error).message}）`, EXIT.usage);
  }
  const scorable = [...catalogue.entries.values()].filter((e) => e.scorer).length;
  io.stderr.write(`准绳评分服务：${address}（${catalogue.entries.size}个评价体系，${scorable}个可评分；接口说明 ${address}/openapi.json；Ctrl+C 停止）\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void app.close().then(() => resolve());
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  return EXIT.ok;
}
