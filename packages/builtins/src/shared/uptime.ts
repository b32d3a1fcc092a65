import type { Client } from 'discord.js';
import { formatDuration } from './format.js';

/**
 * The bot's uptime in ms: the client's time since it became ready (0 before). The one source
 * `stats`, `about` and `fw_diagnostics` (and its snapshots) all read, so they never disagree.
 */
export function uptimeMs(client: Pick<Client, 'uptime'>): number {
  return client.uptime ?? 0;
}

/** Uptime for humans, to the whole second below: `1d 1h 1m 1s` (see {@link formatDuration}). */
export function formatUptime(ms: number): string {
  return formatDuration(ms);
}
