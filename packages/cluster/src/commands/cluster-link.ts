// How the `cluster` extension, loaded by a worker's bot, learns that it runs in a cluster: the
// worker role links its process (Redis, key prefix, process id, its EventBus) before it creates
// the bot. The link is kept on `globalThis` under a registered symbol, so it is found whichever
// copy of this module (ESM or CommonJS build, source in tests) the extension was loaded from.
import type { Redis } from 'ioredis';
import type { EventBus } from '../bus/event-bus.js';

/** A worker process of a cluster, as its role linked it. */
export interface ClusterProcessLink {
  role: 'worker';
  redis: Redis;
  /** The bot's key prefix in Redis (`zoryx` by default). */
  prefix: string;
  /** This process' id (its consumer name and RPC member id). */
  processId: string;
  /** The worker's bus, for `busstatus` (stream, group, counters). */
  bus: EventBus;
}

const KEY = Symbol.for('zoryx.cluster.process-link');

/** Links this process to its cluster (the worker role does it); returns the unlink. */
export function linkClusterProcess(link: ClusterProcessLink): () => void {
  Reflect.set(globalThis, KEY, link);
  return () => {
    if (Reflect.get(globalThis, KEY) === link) Reflect.deleteProperty(globalThis, KEY);
  };
}

function isLink(value: unknown): value is ClusterProcessLink {
  return (
    typeof value === 'object' &&
    value !== null &&
    Reflect.get(value, 'role') === 'worker' &&
    typeof Reflect.get(value, 'processId') === 'string'
  );
}

/** This process' cluster link, or undefined in a single-process bot. */
export function clusterProcessLink(): ClusterProcessLink | undefined {
  const value: unknown = Reflect.get(globalThis, KEY);
  return isLink(value) ? value : undefined;
}
