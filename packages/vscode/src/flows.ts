/**
 * What the extension's commands do, written against two small interfaces (the server and the
 * editor's UI) so that the same flow runs in VS Code and, in the tests, against the real
 * `zhunsheng lsp` with a scripted UI.
 */

/** The server's commands (workspace/executeCommand of `zhunsheng lsp`). */
export interface Server {
  execute<T>(command: string, args: unknown[]): Promise<T>;
}

export interface PlatformScore {
  platform: string;
  total: string | null;
  grade: string | null;
  errors: string[];
}

export interface ScoreResult {
  rubric: string;
  data: string;
  platforms: PlatformScore[];
  markdown: string;
}

/** What the flows ask of the editor. */
export interface Ui {
  /** Offers the sample dataset (if any) and a file dialog; undefined when the user cancels. */
  pickData(sample: string | null, last: string | undefined): Promise<string | undefined>;
  /** Lets the user choose a platform; undefined when cancelled. */
  pickPlatform(platforms: readonly PlatformScore[]): Promise<PlatformScore | undefined>;
  /** Shows a Markdown document with `title`. */
  show(title: string, markdown: string): Promise<void>;
  error(message: string): void;
}

/** Remembers the dataset chosen for each rubric during the session. */
export type Memory = Map<string, string>;

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function chooseData(server: Server, ui: Ui, memory: Memory, rubricUri: string): Promise<string | undefined> {
  const sample = await server.execute<string | null>("zhunsheng.sampleData", [rubricUri]);
  const data = await ui.pickData(sample, memory.get(rubricUri));
  if (data) memory.set(rubricUri, data);
  return data;
}

/** 「准绳：用数据评分」: scores the rubric against a chosen dataset and shows the table. */
export async function scoreRubric(server: Server, ui: Ui, memory: Memory, rubricUri: string): Promise<ScoreResult | undefined> {
  try {
    const data = await chooseData(server, ui, memory, rubricUri);
    if (!data) return undefined;
    const result = await server.execute<ScoreResult>("zhunsheng.score", [rubricUri, data]);
    await ui.show(`评分：${result.rubric}`, result.markdown);
    return result;
  } catch (e) {
    ui.error(messageOf(e));
    return undefined;
  }
}

/** 「准绳：查看平台得分说明」: picks a platform of the dataset and shows its explanation. */
export async function explainPlatform(server: Server, ui: Ui, memory: Memory, rubricUri: string): Promise<string | undefined> {
  try {
    const data = memory.get(rubricUri) ?? (await chooseData(server, ui, memory, rubricUri));
    if (!data) return undefined;
    const scores = await server.execute<ScoreResult>("zhunsheng.score", [rubricUri, data]);
    const platform = await ui.pickPlatform(scores.platforms);
    if (!platform) return undefined;
    const { markdown } = await server.execute<{ markdown: string }>("zhunsheng.explain", [rubricUri, data, platform.platform]);
    await ui.show(`得分说明：${platform.platform}`, markdown);
    return markdown;
  } catch (e) {
    ui.error(messageOf(e));
    return undefined;
  }
}
