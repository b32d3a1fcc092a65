import type { ZoryxConfigInput } from '@zoryx/framework';
import { CliError } from '../errors.js';

/**
 * What `runBot` hands its worker entry (as JSON in {@link RUN_OPTIONS_ENV}): the options of
 * `createBot` that survive a structured clone. Functions (a logger, an activity sink) cannot
 * cross into the worker; the entry plugs its own.
 */
export interface WorkerRunOptions {
  /** The bot folder (absolute). */
  readonly cwd: string;
  readonly configPath?: string;
  readonly config?: ZoryxConfigInput;
  /**
   * A customised bot's module (a `file:` URL), which calls `runBot({ bot })`: the worker imports
   * it and takes the createBot options from that call (see module-handoff.ts).
   */
  readonly module?: string;
  /** The name of the {@link BroadcastChannel} of the fault gate (see fault-gate.ts). */
  readonly gate: string;
  /** The boot bundle's folder (absolute), when it is on (see boot-bundle/). */
  readonly bootBundle?: string;
}

/** The worker environment variable carrying {@link WorkerRunOptions}. */
export const RUN_OPTIONS_ENV = 'ZORYX_RUN_OPTIONS';

/** Reads the options `runBot` gave the worker. */
export function readWorkerRunOptions(env: Record<string, string | undefined>): WorkerRunOptions {
  const raw = env[RUN_OPTIONS_ENV];
  if (!raw) {
    throw new CliError('ZRX_CLI_WORKER_OPTIONS', `${RUN_OPTIONS_ENV} is not set in this worker.`);
  }
  return JSON.parse(raw) as WorkerRunOptions;
}
