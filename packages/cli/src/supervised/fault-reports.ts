// Turns the supervisor's fault events into fault records of the extension that ran (so repeated
// faults quarantine it, as the bot does for the errors it catches itself), operator log lines
// that say what happened in words, and a direct message to the owners on a quarantine (the
// restarted bot skips a quarantined extension silently, so nobody else would tell them).

import {
  extensionOfActivity,
  type FaultKind,
  type FaultOutcome,
  recordFault,
} from '@zoryx/framework/config';
import type { WorkerCrashedEvent, WorkerStalledEvent } from '@zoryx/supervisor';
import type { BotSettings } from './bot-settings.js';

/** A fault the supervisor saw, in words, with what recording it did. */
export interface FaultReport {
  /** The extension that ran, or null (the bot's own code, or nothing attributable). */
  readonly extension: string | null;
  /** `extension tickets blocked the event loop for 5.2 s`. */
  readonly what: string;
  /** `1 of 3 faults before quarantine`, `now quarantined`…; empty when nothing was recorded. */
  readonly standing: string;
  readonly outcome: FaultOutcome | null;
}

/** `5.2 s` or `640 ms`. */
export function duration(ms: number): string {
  return ms >= 1_000 ? `${(ms / 1_000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function describe(
  event: { kind: 'stall'; e: WorkerStalledEvent } | { kind: 'crash'; e: WorkerCrashedEvent },
  who: string,
  memoryMb: number | undefined,
): { what: string; kind: FaultKind; reason: string } {
  if (event.kind === 'stall') {
    const reason = `blocked the event loop for ${duration(event.e.blockedMs)}`;
    return { what: `${who} ${reason}`, kind: 'watchdog-stall', reason };
  }
  const e = event.e;
  const reason =
    e.reason === 'memory'
      ? `ran the worker out of memory${memoryMb === undefined ? '' : ` (heap limit ${memoryMb} MB)`}`
      : e.reason === 'exited'
        ? `made the worker exit (code ${e.exitCode ?? '?'})`
        : e.reason === 'start-timeout'
          ? 'kept the worker from starting in time'
          : `crashed the worker${e.error ? `: ${e.error.message}` : ''}`;
  return { what: `${who} ${reason}`, kind: 'worker-crash', reason };
}

function standingOf(settings: BotSettings, extension: string, outcome: FaultOutcome): string {
  const policy = settings.policy;
  if (outcome.newlyQuarantined) return `extension ${extension} is now quarantined`;
  if (outcome.quarantined) return `extension ${extension} was already quarantined`;
  if (!policy) return 'quarantine is off (extensions.quarantine.enabled)';
  if (policy.exempt.includes(extension)) return `${extension} is exempt from quarantine`;
  return `${outcome.recent} of ${policy.maxFaults} faults before quarantine`;
}

/** Records a supervisor fault against the extension its activity names. */
export async function reportFault(
  settings: BotSettings,
  event: { kind: 'stall'; e: WorkerStalledEvent } | { kind: 'crash'; e: WorkerCrashedEvent },
  memoryMb: number | undefined,
): Promise<FaultReport> {
  const extension = extensionOfActivity(event.e.activity);
  const who = extension ? `extension ${extension}` : 'the bot (no extension was running)';
  const { what, kind, reason } = describe(event, who, memoryMb);
  if (!extension) return { extension, what, standing: '', outcome: null };
  const outcome = await recordFault(
    settings.dataDir,
    { extension, kind, reason },
    settings.policy ? { policy: settings.policy } : {},
  );
  return { extension, what, standing: standingOf(settings, extension, outcome), outcome };
}

/**
 * Tells each owner by direct message that `extension` was quarantined. Best effort: returns the
 * owners that could not be reached (a closed DM, Discord unreachable), never throws.
 */
export async function notifyOwners(
  settings: BotSettings,
  extension: string,
  reason: string,
): Promise<string[]> {
  if (!settings.token) return [...settings.owners];
  const api = `${(settings.apiBase ?? 'https://discord.com/api').replace(/\/$/, '')}/v10`;
  const headers = {
    Authorization: `Bot ${settings.token}`,
    'Content-Type': 'application/json',
  };
  const content = `⛔ Extension \`${extension}\` was quarantined after repeated faults: the supervisor restarted the bot without it, and it stays off, also after restarts, until a bot owner runs \`/extensions unquarantine:${extension}\`.\n\`\`\`\n${reason.slice(0, 1500)}\n\`\`\``;
  const failed: string[] = [];
  for (const owner of settings.owners) {
    const sent = await fetch(`${api}/users/@me/channels`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ recipient_id: owner }),
    })
      .then(async (dm) => {
        if (!dm.ok) return false;
        const { id } = (await dm.json()) as { id: string };
        const message = await fetch(`${api}/channels/${id}/messages`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ content, allowed_mentions: { parse: [] } }),
        });
        return message.ok;
      })
      .catch(() => false);
    if (!sent) failed.push(owner);
  }
  return failed;
}
