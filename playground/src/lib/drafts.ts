/** Drafts, the open editors, the 修订理由 written for a draft and each rubric's datasets, kept in IndexedDB so that a reload or a closed tab loses nothing. */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { DatasetRecords } from "../protocol.ts";

export interface Draft {
  uri: string;
  title: string;
  text: string;
  savedAt: number;
  /** The built-in file this draft was edited from, for compare and revert. */
  builtinPath?: string;
  /** The rubric a new year's draft was made from (its text as it was then): 影响 compares with it by default. */
  basedOn?: BasedOn;
}

export interface BasedOn {
  title: string;
  text: string;
  /** Its path under rules/, when it is a built-in rubric. */
  path?: string;
}

export interface Session {
  tabs: { uri: string; title: string; builtinPath?: string }[];
  active?: string;
}

/** The 修订理由 an officer wrote for a draft's changes, by change key (publish's changeKey). */
export interface RevisionReasons {
  uri: string;
  reasons: Record<string, string>;
  savedAt: number;
}

/**
 * The datasets that go with one rubric (by the document's uri): imported files and edited
 * copies, which one is chosen, and the columns the officer chose to ignore.
 */
export interface DocData {
  uri: string;
  dataset: string;
  /** Each dataset's platforms, with the rows its file could not read (kept so that they stay 数据有误 after a reload). */
  imported: Map<string, DatasetRecords>;
  ignoredColumns: string[];
  savedAt: number;
}

interface Schema extends DBSchema {
  drafts: { key: string; value: Draft };
  session: { key: string; value: Session };
  reasons: { key: string; value: RevisionReasons };
  datasets: { key: string; value: DocData };
}

let db: Promise<IDBPDatabase<Schema>> | undefined;

function open(): Promise<IDBPDatabase<Schema>> {
  db ??= openDB<Schema>("zhunsheng-workbench", 3, {
    upgrade(d, oldVersion) {
      // each version adds stores; a database made by an older page keeps its drafts
      if (oldVersion < 1) {
        d.createObjectStore("drafts", { keyPath: "uri" });
        d.createObjectStore("session");
      }
      if (oldVersion < 2) d.createObjectStore("reasons", { keyPath: "uri" });
      if (oldVersion < 3) d.createObjectStore("datasets", { keyPath: "uri" });
    },
  });
  return db;
}

export async function saveDraft(d: Draft): Promise<void> {
  await (await open()).put("drafts", d);
}

export async function loadDraft(uri: string): Promise<Draft | undefined> {
  return (await open()).get("drafts", uri);
}

export async function deleteDraft(uri: string): Promise<void> {
  await (await open()).delete("drafts", uri);
}

export async function allDrafts(): Promise<Draft[]> {
  return (await open()).getAll("drafts");
}

export async function saveSession(s: Session): Promise<void> {
  await (await open()).put("session", s, "current");
}

export async function loadSession(): Promise<Session | undefined> {
  return (await open()).get("session", "current");
}

/** The 修订理由 kept for a draft (empty when none were written). */
export async function loadReasons(uri: string): Promise<Record<string, string>> {
  return (await (await open()).get("reasons", uri))?.reasons ?? {};
}

export async function saveReasons(uri: string, reasons: Record<string, string>): Promise<void> {
  await (await open()).put("reasons", { uri, reasons, savedAt: Date.now() });
}

export async function saveDocData(d: DocData): Promise<void> {
  await (await open()).put("datasets", d);
}

export async function loadDocData(uri: string): Promise<DocData | undefined> {
  const d = await (await open()).get("datasets", uri);
  if (!d) return undefined;
  // a page before DatasetRecords kept each dataset as a bare array of platforms
  const imported = new Map<string, DatasetRecords>();
  for (const [name, v] of d.imported as Map<string, DatasetRecords | DatasetRecords["records"]>) imported.set(name, Array.isArray(v) ? { records: v } : v);
  return { ...d, imported };
}
