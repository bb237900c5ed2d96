/**
 * The main thread's side of the publish worker: typed requests (protocol.ts `PublishMethods`).
 * The worker, with @zhunsheng/publish and its office libraries, is created on the first request,
 * so the editor's first load does not carry it.
 */
import type { PublishMethod, PublishMethods, PublishRequest, WorkerMessage } from "../protocol.ts";

export interface PublishClient {
  request<M extends PublishMethod>(method: M, params: PublishMethods[M]["params"]): Promise<PublishMethods[M]["result"]>;
}

export function createPublishClient(): PublishClient {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const start = () => {
    const w = new Worker(new URL("../worker/publish-worker.ts", import.meta.url), { type: "module", name: "准绳发布" });
    w.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const m = ev.data;
      if (m.kind !== "response") return;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.result);
    };
    return w;
  };
  return {
    request(method, params) {
      worker ??= start();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker!.postMessage({ kind: "request", id, method, params } as PublishRequest);
      });
    },
  };
}
