/** The command palette's commands and what each does. */
import type { Diagnostic } from "@zhunsheng/core";
import { download } from "../lib/download.ts";
import { prepareShare } from "./share.ts";
import { exportScores, pickFiles } from "./data.ts";
import { newNextYearDraft } from "./lineage.ts";
import { activeAnalysis, type Panel, type SideView } from "./workbench-state.ts";
import type { Workbench } from "./workbench.ts";
import { monaco } from "../monaco/monaco.ts";

export interface Command {
  id: string;
  label: string;
  keys?: string;
}

export const COMMANDS: Command[] = [
  { id: "save", label: "保存草稿", keys: "Ctrl+S" },
  { id: "format", label: "格式化文档", keys: "Shift+Alt+F" },
  { id: "nextProblem", label: "转到下一个问题", keys: "F8" },
  { id: "prevProblem", label: "转到上一个问题", keys: "Shift+F8" },
  { id: "suggest", label: "触发建议", keys: "Ctrl+Space" },
  { id: "definition", label: "转到输入的声明", keys: "F12" },
  { id: "rename", label: "重命名输入", keys: "F2" },
  { id: "references", label: "查找所有引用", keys: "Shift+F12" },
  { id: "tabFocus", label: "切换 Tab 键移动焦点", keys: "Ctrl+M" },
  { id: "nextYear", label: "新建下一年度草稿" },
  { id: "newRubric", label: "新建评价体系…" },
  { id: "openLocal", label: "打开本地文件…" },
  { id: "importData", label: "导入样本数据（CSV / XLSX）…" },
  { id: "exportCsv", label: "导出评分表为 CSV" },
  { id: "exportXlsx", label: "导出评分表为 XLSX" },
  { id: "download", label: "下载 .zs 文件" },
  { id: "share", label: "复制分享链接" },
  { id: "compare", label: "与内置版本比较" },
  { id: "revert", label: "还原为内置版本" },
  { id: "panel.scores", label: "查看：评分" },
  { id: "panel.explain", label: "查看：说明" },
  { id: "panel.curve", label: "查看：曲线" },
  { id: "panel.problems", label: "查看：问题" },
  { id: "view.explorer", label: "查看：资源管理器" },
  { id: "view.outline", label: "查看：大纲" },
  { id: "view.data", label: "查看：样本数据" },
  { id: "view.compare", label: "查看：对比评价体系" },
  { id: "view.impact", label: "查看：修改的影响" },
  { id: "view.publish", label: "查看：发布前检查" },
];

function problems(wb: Workbench): Diagnostic[] {
  return activeAnalysis(wb.state)?.diagnostics ?? [];
}

/** F8 / Shift+F8 outside the editor: the next (previous) problem after the cursor, wrapping around. */
export function gotoProblem(wb: Workbench, direction: 1 | -1): void {
  const list = problems(wb);
  if (list.length === 0) {
    wb.flash("没有问题");
    return;
  }
  const at = wb.state.cursor.offset;
  const next =
    direction === 1
      ? (list.find((d) => d.range.start.offset > at) ?? list[0]!)
      : ([...list].reverse().find((d) => d.range.start.offset < at) ?? list[list.length - 1]!);
  wb.reveal(next.range);
  wb.store.set({ panel: "problems" });
  wb.flash(`${next.code}：${next.message}`);
}

function compare(wb: Workbench): void {
  if (!wb.activeDoc?.builtin) {
    wb.flash("只有内置评价体系可以与内置版本比较");
    return;
  }
  wb.store.set({ comparing: true });
}

export async function runCommand(wb: Workbench, id: string): Promise<void> {
  const doc = wb.activeDoc;
  switch (id) {
    case "save":
      if (!doc) return;
      if (doc.readOnly) await wb.saveShared(doc);
      else await wb.save(doc, true);
      return;
    case "format":
      return wb.editorAction("editor.action.formatDocument");
    case "nextProblem":
      return gotoProblem(wb, 1);
    case "prevProblem":
      return gotoProblem(wb, -1);
    case "suggest":
      return wb.editorAction("editor.action.triggerSuggest");
    case "definition":
      return wb.editorAction("editor.action.revealDefinition");
    case "rename":
      return wb.editorAction("editor.action.rename");
    case "references":
      return wb.editorAction("editor.action.referenceSearch.trigger");
    case "tabFocus":
      return wb.editorAction("editor.action.toggleTabFocusMode");
    case "nextYear":
      return newNextYearDraft(wb);
    case "newRubric":
      wb.store.set({ newRubricOpen: true });
      return;
    case "openLocal":
      return pickFiles(wb, ".zs,.txt,.csv,.tsv,.xlsx,.xlsm,.json");
    case "importData":
      return pickFiles(wb, ".csv,.tsv,.xlsx,.xlsm,.json");
    case "exportCsv":
      return exportScores(wb, "csv");
    case "exportXlsx":
      return exportScores(wb, "xlsx");
    case "download":
      if (doc) download(doc.title.endsWith(".zs") ? doc.title : `${doc.title}.zs`, doc.model.getValue(), "text/plain;charset=utf-8");
      return;
    case "share":
      return prepareShare(wb, true);
    case "compare":
      return compare(wb);
    case "revert":
      return wb.revert();
    default:
      if (id.startsWith("panel.")) wb.showPanel(id.slice(6) as Panel);
      else if (id.startsWith("view.")) wb.showSide(id.slice(5) as SideView);
  }
}

/** Window-level keys (outside the editor the editor's own bindings do not apply). */
export function handleWindowKey(wb: Workbench, e: KeyboardEvent): void {
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && e.shiftKey && e.key.toLowerCase() === "p") {
    e.preventDefault();
    wb.store.set({ paletteOpen: true });
  } else if (ctrl && !e.shiftKey && e.key.toLowerCase() === "s") {
    e.preventDefault();
    void runCommand(wb, "save");
  } else if (e.key === "Escape" && wb.state.comparing) {
    wb.store.set({ comparing: false });
  } else if (!wb.editor?.editor?.hasTextFocus()) {
    if (e.key === "F8") {
      e.preventDefault();
      gotoProblem(wb, e.shiftKey ? -1 : 1);
    } else if (e.shiftKey && e.altKey && e.key.toLowerCase() === "f") {
      e.preventDefault();
      wb.editorAction("editor.action.formatDocument");
    }
  }
}

/** Keys bound inside the editor, where Monaco sees them first. */
export function bindEditorKeys(wb: Workbench, ed: monaco.editor.IStandaloneCodeEditor): void {
  ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyP, () => wb.store.set({ paletteOpen: true }));
  ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void runCommand(wb, "save"));
  // VS Code's key on every platform (Monaco binds Ctrl+Shift+I on Linux)
  ed.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, () => void ed.getAction("editor.action.formatDocument")?.run());
  // the context menu's last group: the workbench's own palette (Monaco's F1 list is not ours)
  ed.addAction({
    id: "zhunsheng.commandPalette",
    label: "命令面板…",
    contextMenuGroupId: "z_commands",
    run: () => wb.store.set({ paletteOpen: true }),
  });
  ed.addAction({
    id: "zhunsheng.triggerSuggest",
    label: "触发建议",
    contextMenuGroupId: "1_modification",
    contextMenuOrder: 0,
    run: () => void ed.getAction("editor.action.triggerSuggest")?.run(),
  });
}
