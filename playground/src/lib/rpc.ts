/**
 * One generic typed RPC between the page and a worker (google/playground-elements' pattern):
 * a method map `{ name: { params; result } }` types both sides; requests carry an id, answers
 * come back with the same id; the worker may also push events. Both workers of the workbench
 * (analysis, publish) speak it; nothing else talks to a worker.
 */

/** Method name → its params and result (an interface of such entries). */
export type MethodMap<M> = { [K in keyof M]: { params: unknown; result: unknown } };

export type Handlers<M extends MethodMap<M>> = { [K in keyof M]: (params: M[K]["params"]) => M[K]["result"] | Promise<M[K]["result"]> };

/** What travels from the page to the worker. */
export interface RpcRequest {
  kind: "request";
  id: number;
  method: string;
  params: unknown;
}

/** What travels from the worker to the page. */
export type RpcMessage<E> =
  | { kind: "response"; id: number; result: unknown }
  | { kind: "failure"; id: number; message: string }
  | { kind: "event"; event: E };

export interface RpcClient<M extends MethodMap<M>, E = never> {
  request<K extends keyof M & string>(method: K, params: M[K]["params"]): Promise<M[K]["result"]>;
  /** Events the worker pushes; returns the unsubscribe function. */
  onEvent(listener: (event: E) => void): () => void;
  /** Called once when the worker dies (an uncaught error at load or later): pending requests are rejected. */
  onCrash(listener: (message: string) => void): () => void;
}

/** The page's side. The worker is created on the first request (`lazy`) or at once. */
export function createRpcClient<M extends MethodMap<M>, E = never>(start: () => Worker, options: { lazy?: boolean } = {}): RpcClient<M, E> {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const events = new Set<(e: E) => void>();
  const crashes = new Set<(message: string) => void>();
  const connect = (): Worker => {
    const w = start();
    w.onmessage = (ev: MessageEvent<RpcMessage<E>>) => {
      const m = ev.data;
      if (m.kind === "event") {
        for (const l of events) l(m.event);
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.kind === "failure") p.reject(new Error(m.message));
      else p.resolve(m.result);
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      const message = ev.message || "后台分析进程意外停止";
      for (const p of pending.values()) p.reject(new Error(message));
      pending.clear();
      for (const l of crashes) l(message);
    };
    return w;
  };
  if (!options.lazy) worker = connect();
  return {
    request(method, params) {
      worker ??= connect();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker!.postMessage({ kind: "request", id, method, params } satisfies RpcRequest);
      });
    },
    onEvent(listener) {
      events.add(listener);
      return () => events.delete(listener);
    },
    onCrash(listener) {
      crashes.add(listener);
      return () => crashes.delete(listener);
    },
  };
}

/** Large binary results travel without a copy. */
function transferables(result: unknown): Transferable[] {
  if (result instanceof Uint8Array || result instanceof Uint32Array) return [result.buffer as ArrayBuffer];
  const data = (result as { data?: unknown } | null | undefined)?.data;
  return data instanceof Uint8Array ? [data.buffer as ArrayBuffer] : [];
}

/** The worker's side: answers each request with its handler; a thrown error becomes a failure (never an uncaught throw). */
export function serveRpc<M extends MethodMap<M>, E = never>(handlers: Handlers<M>): { push(event: E): void } {
  const scope = self as unknown as Worker;
  const post = (m: RpcMessage<E>, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
  scope.onmessage = async (ev: MessageEvent<RpcRequest>) => {
    const { id, method, params } = ev.data;
    try {
      const handler = handlers[method as keyof M] as ((p: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`未知的请求：${method}`);
      const result = await handler(params);
      post({ kind: "response", id, result }, transferables(result));
    } catch (err) {
      post({ kind: "failure", id, message: err instanceof Error ? err.message : String(err) });
    }
  };
  return { push: (event) => post({ kind: "event", event }) };
}
