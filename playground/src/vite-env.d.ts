/// <reference types="vite/client" />

/** Monaco's global Tab-moves-focus switch (Ctrl+M); the module ships without typings. */
declare module "monaco-editor/editor/browser/config/tabFocus.js" {
  export const TabFocus: {
    getTabFocusMode(): boolean;
    setTabFocusMode(on: boolean): void;
    onDidChangeTabFocus(listener: (on: boolean) => void): { dispose(): void };
  };
}
