/** The main thread's side of the worker protocol: typed requests that resolve with their response. */
import type { AnalysisResult, Method, Methods, Request, WorkerMessage } from "../protocol.ts";

export interface AnalysisClient {
  request<M extends Method>(method: M, params: Methods[M]["params"]): Promise<Methods[M]["result"]>;
  onAnalysis(listener: (r: AnalysisResult) => void): () => void;
}

export function createAnalysisClient(): AnalysisClient {
  const worker = new Worker(new URL("../worker/analysis-worker.ts", import.meta.url), { type: "module", name: "准绳分析" });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(r: AnalysisResult) => void>();
  worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
    const m = ev.data;
    if (m.kind === "analysis") {
      for (const l of listeners) l(m.result);
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.result);
  };
  return {
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ kind: "request", id, method, params } as Request);
      });
    },
    onAnalysis(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
