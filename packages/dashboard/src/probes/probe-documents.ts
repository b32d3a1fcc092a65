import type { DashboardServices } from '../server/services.js';
import { ProbeCache } from './probe-cache.js';
import { healthDocument } from './status-document.js';

/** How often `/status.json` is rebuilt in the background (the seed page polled every 30 s). */
export const STATUS_REFRESH_MS = 1_000;
/**
 * How old a served `/status.json` may be before a request rebuilds it itself: only reached when
 * the refresh timer was starved (a blocked event loop), so the answer is never much staler.
 */
const STATUS_MAX_AGE_MS = 3_000;
/**
 * How long one `/metrics` exposition is reused. Prometheus scrapes every 15–60 s; a second of
 * reuse only merges scrapers that ask at once (several Prometheus replicas, a page polling).
 */
export const METRICS_MAX_AGE_MS = 1_000;
/**
 * For one more second an expired exposition is still served while the next is built, so a
 * frequent poller never waits for a build; a scraper asking every 15 s always gets a new one.
 */
export const METRICS_STALE_MS = 1_000;

/** The two pre-serialised probe answers of one dashboard. */
export interface ProbeDocuments {
  readonly status: ProbeCache;
  readonly metrics: ProbeCache;
  /** Stops the background refresh (on unload). */
  close(): void;
}

/**
 * `/status.json` (refreshed every second off the request path, rebuilt at once on events that
 * change it) and `/metrics` (a one-second cache). `services` is read when a build runs, so the
 * caches can be made before the services object that holds them.
 */
export function createProbeDocuments(services: () => DashboardServices): ProbeDocuments {
  const status = new ProbeCache(
    async () => {
      const doc = await healthDocument(services());
      return { code: doc.status === 'fail' ? 503 : 200, text: JSON.stringify(doc.body) };
    },
    { maxAgeMs: STATUS_MAX_AGE_MS },
  ).refreshEvery(STATUS_REFRESH_MS);
  const metrics = new ProbeCache(
    // One macrotask of ~0.7 ms CPU once warm (measured 2026-12-05, 50 extensions): too short to
    // be worth rendering in slices (tried: the longest turn stayed the same, total CPU 2.4x).
    async () => ({ code: 200, text: await services().metrics.registry.metrics() }),
    { maxAgeMs: METRICS_MAX_AGE_MS, staleWhileRevalidateMs: METRICS_STALE_MS },
  );
  return {
    status,
    metrics,
    close() {
      status.close();
      metrics.close();
    },
  };
}
