import { isIP } from 'node:net';
import type { DashboardConfig } from '../config.js';
import { DashboardError } from '../errors.js';

/** Whether `host` names only this machine (IPv4 127/8, ::1, `localhost`). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * Refuses to expose the dashboard beyond this machine without transport security: a cookie
 * session over plain http on a LAN is readable by anyone on it. Loopback is always allowed;
 * elsewhere only with `tls`, or `trustProxy` and an https `publicOrigin` (TLS ends at the proxy).
 * The probe port (`probes.host`) follows the same rules: it serves the same documents.
 */
export function assertBindAllowed(config: DashboardConfig): void {
  const secured =
    config.tls !== undefined ||
    (config.trustProxy && (config.publicOrigin?.startsWith('https://') ?? false));
  for (const [what, host] of [
    ['dashboard', config.host],
    ['probe port', config.probes?.host],
  ] as const) {
    if (host === undefined || isLoopbackHost(host) || secured) continue;
    throw new DashboardError(
      'ZRX_DASHBOARD_BIND_REFUSED',
      `The ${what} refuses to listen on ${host} over plain http.`,
    );
  }
}
