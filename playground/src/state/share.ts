/**
 * 复制分享链接: the rubric, and the dataset in use if the officer wants it, in one link whose
 * size is shown before copying; the recipient opens both read-only until saving them as a draft.
 */
import { encodeShare } from "../lib/share.ts";
import type { ShareLink } from "./workbench-state.ts";
import type { Workbench } from "./workbench.ts";

/** Builds the active document's link (with or without its dataset) and opens the dialog on it. */
export function prepareShare(wb: Workbench, withData: boolean): void {
  const doc = wb.activeDoc;
  if (!doc) return;
  const records = [...wb.state.records];
  const carry = withData && records.length > 0;
  const h = encodeShare(doc.title.replace(/（分享）$/, ""), doc.model.getValue(), carry ? { name: doc.dataset, records } : undefined);
  const link: ShareLink = {
    url: `${location.origin}${location.pathname}${h.hash}`,
    withData: carry,
    rubricBytes: h.rubricBytes,
    dataBytes: h.dataBytes,
    dataset: doc.dataset,
    platforms: records.length,
  };
  wb.store.set({ share: link });
}

export async function copyShare(wb: Workbench): Promise<void> {
  const link = wb.state.share;
  if (!link) return;
  wb.store.set({ share: undefined });
  try {
    await navigator.clipboard.writeText(link.url);
    wb.flash(`分享链接已复制（${link.url.length.toLocaleString("zh-CN")} 个字符${link.withData ? `，含 ${link.platforms} 个平台的数据` : ""}）`);
  } catch {
    window.prompt("复制这个分享链接：", link.url);
  }
}

/** 12.3 KB as officers read sizes. */
export function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} 字节` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
