import type { WorkerInit } from './protocol.js';

/** The key of the supervisor's data in a worker's `workerData`. */
export const WORKER_DATA_KEY = 'zoryxSupervisor';

/** What a supervised worker thread receives as `workerData[WORKER_DATA_KEY]`. */
export interface SupervisedWorkerData {
  init: WorkerInit;
  /** The shared-memory slots (see shared-slots.ts). */
  slots: SharedArrayBuffer;
}
