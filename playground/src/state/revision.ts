/**
 * 修订说明, the memo that goes with a revised rubric (issue 12, next year's rubric): its preview and
 * its export go through the publish worker — the same document as `zhunsheng diff --memo` — and
 * the 修订理由 the officer writes are kept per draft in IndexedDB, by change key, so that they
 * survive a reload and edits that renumber the changes.
 */
import type { MemoPreview, MemoSource } from "../protocol.ts";
import type { PublishClient } from "../lib/workers.ts";
import { loadReasons, saveReasons } from "../lib/drafts.ts";
import { download } from "../lib/download.ts";

export type MemoFormat = "docx" | "md";

const TYPE: Record<MemoFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown;charset=utf-8",
};

/** The memo as it will be exported, without the reasons (they are the officer's, shown in the form). */
export function previewMemo(client: PublishClient, source: MemoSource): Promise<MemoPreview | { error: string }> {
  return client.request("memoPreview", source);
}

/** The reasons kept for a draft; none when IndexedDB is not available (a private window). */
export function reasonsOf(uri: string): Promise<Record<string, string>> {
  return loadReasons(uri).catch(() => ({}));
}

/** Keeps the reasons with the draft; the non-empty ones only. */
export async function keepReasons(uri: string, reasons: Record<string, string>): Promise<void> {
  const kept = Object.fromEntries(Object.entries(reasons).filter(([, v]) => v.trim() !== ""));
  await saveReasons(uri, kept);
}

/** Writes the memo in the publish worker and offers it as a download; the error, if it cannot be written. */
export async function exportMemo(client: PublishClient, source: MemoSource, reasons: Record<string, string>, format: MemoFormat): Promise<string | undefined> {
  const r = await client.request("revisionMemo", { ...source, reasonsByKey: reasons, format });
  if ("error" in r) return r.error;
  download(`${r.title}.${format}`, r.data as BlobPart, TYPE[format]);
  return undefined;
}
