/**
 * The workbench's analysis worker driven as the page drives it, in this process: the worker's own
 * module is loaded with a stand-in for its global scope, and requests and events travel as the
 * messages of the generic RPC (playground/src/lib/rpc.ts) — nothing of the worker is bypassed.
 */
import type { AnalysisEvent, AnalysisMethods, AnalysisResult } from "../../playground/src/protocol.ts";
import type { RpcMessage } from "../../playground/src/lib/rpc.ts";

type Message = RpcMessage<AnalysisEvent>;

export interface WorkerDriver {
  request<K extends keyof AnalysisMethods & string>(method: K, params: AnalysisMethods[K]["params"]): Promise<AnalysisMethods[K]["result"]>;
  /** The analysis the worker pushes for this document version. */
  analysis(uri: string, version: number): Promise<AnalysisResult>;
  /** Every message the worker sends from now on, in order; returns the unsubscribe function. */
  listen(listener: (m: Message) => void): () => void;
}

/** Loads the analysis worker's module once per test file, with `self` standing for the worker's scope. */
export async function startAnalysisWorker(): Promise<WorkerDriver> {
  const listeners = new Set<(m: Message) => void>();
  const scope: { onmessage: ((ev: { data: unknown }) => unknown) | null; postMessage(m: Message): void } = {
    onmessage: null,
    postMessage: (m) => {
      for (const l of [...listeners]) l(m);
    },
  };
  const global = globalThis as { self?: unknown };
  const previous = global.self;
  global.self = scope;
  try {
    await import("../../playground/src/worker/analysis-worker.ts");
  } finally {
    if (previous === undefined) delete global.self;
    else global.self = previous;
  }
  if (!scope.onmessage) throw new Error("the analysis worker did not listen for messages");
  let nextId = 1;
  return {
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const l = (m: Message) => {
          if (m.kind === "event" || m.id !== id) return;
          listeners.delete(l);
          if (m.kind === "failure") reject(new Error(m.message));
          else resolve(m.result as never);
        };
        listeners.add(l);
        void scope.onmessage!({ data: { kind: "request", id, method, params } });
      });
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    analysis(uri, version) {
      return new Promise((resolve) => {
        const l = (m: Message) => {
          if (m.kind !== "event" || m.event.kind !== "analysis" || m.event.result.uri !== uri || m.event.result.version !== version) return;
          listeners.delete(l);
          resolve(m.event.result);
        };
        listeners.add(l);
      });
    },
  };
}
