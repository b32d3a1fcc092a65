import type { CheckResult } from './health.js';
import type { ProbeDocument } from './probe-answers.js';

/** What the probe thread starts with (`workerData`). */
export interface ProbeWorkerData {
  readonly host: string;
  readonly port: number;
  readonly blockedMs: number;
  /** PEM texts (read on the bot thread from `tls.cert` / `tls.key`): serve https. */
  readonly tls: { readonly cert: string; readonly key: string } | undefined;
  /** One BigInt64: `Date.now()` of the bot loop's last heartbeat. */
  readonly heartbeat: SharedArrayBuffer;
  /** How long a `/metrics` exposition is served fresh, then stale while the next builds. */
  readonly metricsMaxAgeMs: number;
  readonly metricsStaleMs: number;
  readonly metricsContentType: string;
  /** The thread's nice value (`probes.priority`), set on its own OS thread (Linux). */
  readonly priority: number | undefined;
}

/** Bot thread → probe thread. */
export type ToProbeThread =
  | { readonly type: 'status'; readonly doc: ProbeDocument }
  | { readonly type: 'ready'; readonly checks: readonly CheckResult[]; readonly draining: boolean }
  | { readonly type: 'metrics'; readonly doc: ProbeDocument }
  | { readonly type: 'metrics-failed' }
  | { readonly type: 'close' };

/** Probe thread → bot thread. */
export type FromProbeThread =
  | {
      readonly type: 'listening';
      readonly port: number;
      /** Why `priority` could not be set, if it could not. */
      readonly priorityError?: string;
    }
  | { readonly type: 'listen-failed'; readonly message: string }
  | { readonly type: 'metrics-wanted' };
