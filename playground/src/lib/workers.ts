/**
 * The workbench's two workers behind the generic RPC: analysis (parse, check, score, every
 * editor request) from the start, and publish (对比, 影响, 发布前检查, export, import) on first
 * use, so that the editor's first load does not carry @zhunsheng/publish.
 */
import type { AnalysisEvent, AnalysisMethods, PublishMethods } from "../protocol.ts";
import { createRpcClient, type RpcClient } from "./rpc.ts";

export type AnalysisClient = RpcClient<AnalysisMethods, AnalysisEvent>;
export type PublishClient = RpcClient<PublishMethods>;

export function createAnalysisClient(): AnalysisClient {
  return createRpcClient<AnalysisMethods, AnalysisEvent>(() => new Worker(new URL("../worker/analysis-worker.ts", import.meta.url), { type: "module", name: "准绳分析" }));
}

export function createPublishClient(): PublishClient {
  return createRpcClient<PublishMethods>(() => new Worker(new URL("../worker/publish-worker.ts", import.meta.url), { type: "module", name: "准绳发布" }), { lazy: true });
}
