/**
 * The 对比, 影响 and 发布前检查 views load on first use (dynamic imports), so the editor's first
 * load does not grow; Lit keeps properties set on an element before its class is defined.
 */
export function loadPublishViews(): Promise<unknown> {
  return Promise.all([import("./zs-compare-view.ts"), import("./zs-impact-view.ts"), import("./zs-publish-panel.ts")]);
}
