// `@zoryx/cluster`: the bot beyond one process. Redis Streams carry gateway events to workers
// (each handled once), Redis keys hold shard leases, identify slots and sessions, and a small
// typed RPC runs named handlers on every process. No home-made IPC, no eval.
export { type BusHandler, type BusStats, EventBus, type EventBusOptions } from './bus/event-bus.js';
export { type BusEvent, type BusEventInput, WIRE_VERSION } from './bus/wire.js';
export {
  ClusterError,
  type ClusterErrorCode,
  clusterErrorCatalogue,
  isClusterError,
} from './errors.js';
