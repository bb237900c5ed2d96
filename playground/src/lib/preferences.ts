/** The officer's layout (side bar width, panel height), kept in localStorage across reloads. */
export interface Layout {
  sideWidth: number;
  /** undefined: 40% of the window. */
  panelHeight: number | undefined;
}

const KEY = "zhunsheng.layout";

export function loadLayout(): Layout {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<Layout> | null;
    return { sideWidth: typeof v?.sideWidth === "number" ? v.sideWidth : 280, panelHeight: typeof v?.panelHeight === "number" ? v.panelHeight : undefined };
  } catch {
    return { sideWidth: 280, panelHeight: undefined };
  }
}

export function saveLayout(layout: Layout): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(layout));
  } catch {
    // private mode or full storage: the layout is simply not kept
  }
}
