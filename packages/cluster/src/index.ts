// `@zoryx/cluster`: the bot beyond one process. Redis Streams carry gateway events to workers
// (each handled once), Redis keys hold shard leases, identify slots and sessions, and a small
// typed RPC runs named handlers on every process. No home-made IPC, no eval.
export { type BusHandler, type BusStats, EventBus, type EventBusOptions } from './bus/event-bus.js';
export { type BusEvent, type BusEventInput, WIRE_VERSION } from './bus/wire.js';
export {
  type ClusterProcessLink,
  clusterProcessLink,
  linkClusterProcess,
} from './commands/cluster-link.js';
export { type GatewayShardSource, serveGatewayShards } from './commands/gateway-service.js';
export type {
  AlertOutcome,
  BroadcastHandler,
  ClusterApi,
  ProcessError,
  ResetOutcome,
  ShardRow,
} from './commands/runtime.js';
export type { ClusterAlertsTable } from './commands/vocabulary.js';
export {
  ClusterError,
  type ClusterErrorCode,
  clusterErrorCatalogue,
  isClusterError,
} from './errors.js';
export {
  type Fence,
  type FencedEntry,
  type FencedOp,
  FencedWrites,
  type FenceLost,
} from './gateway/fenced-writes.js';
export {
  type IdentifyThrottlerOptions,
  RedisIdentifyThrottler,
  RedisSessionStore,
  type StoredSession,
} from './gateway/identify-and-sessions.js';
export { ShardLeases, type ShardLeasesOptions } from './gateway/shard-leases.js';
export {
  RedisRateStore,
  type RedisRateStoreOptions,
  shareLimits,
} from './limits/redis-rate-store.js';
export {
  feedMonitorFromClient,
  type ShardEventSource,
  sampleLatencies,
} from './monitor/client-feed.js';
export { canReconnect, reconnectShard } from './monitor/reconnect.js';
export {
  DEFAULT_HEALTH_RULES,
  type HealthRules,
  judge,
  LATENCY_HISTORY,
  type ShardEvent,
  type ShardHealth,
  type ShardMetrics,
  ShardMonitor,
  type ShardMonitorOptions,
  uptimePercent,
} from './monitor/shard-monitor.js';
export {
  InvalidRequestGuard,
  type InvalidRequestGuardOptions,
  isInvalidResponse,
} from './rest/invalid-requests.js';
export type { WorkerClientOptions } from './roles/bus-strategy.js';
export { BusStrategy, WorkerLink, type WorkerLinkOptions } from './roles/bus-strategy.js';
export { ClusterGateway, type ClusterGatewayOptions } from './roles/cluster-gateway.js';
export {
  ClusterSync,
  type ClusterSyncOptions,
  type ControlMessage,
  type SettingsSyncLike,
} from './roles/cluster-sync.js';
export {
  type ConfigureMessage,
  ExtensionConfigSync,
  type ExtensionConfigSyncOptions,
} from './roles/config-sync.js';
export { type CrashLoopOptions, restartOnCrash } from './roles/crash-loop.js';
export { replyNonces } from './roles/reply-nonces.js';
export { isFanOut } from './roles/routing.js';
export {
  type ClusterRole,
  parseRole,
  parseShards,
  type RoleOptions,
  type RunningGateway,
  type RunningWorker,
  runClusterRole,
  startGatewayRole,
  startWorkerRole,
} from './roles/run-roles.js';
export {
  ClusterRpc,
  type ClusterRpcOptions,
  defineRpc,
  type RpcCallOptions,
  type RpcDefinition,
  type RpcResult,
} from './rpc/cluster-rpc.js';
export { type MemberInfo, Membership, type MembershipOptions } from './rpc/membership.js';
