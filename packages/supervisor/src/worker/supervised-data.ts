import { isMainThread, workerData } from 'node:worker_threads';
import { type SlotViews, viewSlots } from '../shared-slots.js';
import { type SupervisedWorkerData, WORKER_DATA_KEY } from '../worker-data.js';

let cached: { data: SupervisedWorkerData; slots: SlotViews } | null | undefined;

/**
 * This thread's supervisor data, or null when the code does not run in a supervised worker (the
 * main thread, or a worker someone else started). Read from `workerData`, which every copy of
 * this module in the thread sees alike (ESM and CommonJS builds included).
 */
export function supervised(): { data: SupervisedWorkerData; slots: SlotViews } | null {
  if (cached !== undefined) return cached;
  const candidate: unknown = isMainThread
    ? undefined
    : (workerData as Record<string, unknown> | null)?.[WORKER_DATA_KEY];
  const slots = (candidate as SupervisedWorkerData | undefined)?.slots;
  cached =
    candidate !== undefined && slots instanceof SharedArrayBuffer
      ? { data: candidate as SupervisedWorkerData, slots: viewSlots(slots) }
      : null;
  return cached;
}
