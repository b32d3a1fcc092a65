import { createHash } from 'node:crypto';
import { isRecord } from './is-record.js';
import { normalizeCommand } from './normalize-command.js';
import { stableStringify } from './stable-json.js';

/** What a sync has to do for one scope. */
export interface CommandDiff<L, R> {
  /** Local commands Discord does not have yet. */
  readonly create: L[];
  /** Commands on both sides that differ: PATCH `remote` (it carries the id) with `local`. */
  readonly update: { local: L; remote: R }[];
  /** Remote commands no longer wanted. */
  readonly remove: R[];
  /** Commands already up to date: no API call needed. */
  readonly unchanged: { local: L; remote: R }[];
}

/** Fields Discord fills from the application's settings when a command leaves them out. */
const SERVER_FILLED = ['contexts', 'integration_types'] as const;

function identity(cmd: unknown): string {
  const record = isRecord(cmd) ? cmd : {};
  return `${typeof record.type === 'number' ? record.type : 1}:${String(record.name)}`;
}

/**
 * Compares the commands we want (`local`, e.g. `plan.register`) with what Discord has (`remote`,
 * e.g. the GET response), matching by type and name. Both sides are normalised first (see
 * `normalizeCommand`), so ids, versions, `*_localized` fields, default values, key order and the
 * order of commands and of set-like arrays never cause an update. `contexts` and
 * `integration_types` are compared only when the local command sets them, because Discord fills
 * them in from the application's defaults.
 *
 * Results are sorted by type and name.
 */
export function diffCommands<L, R>(local: readonly L[], remote: readonly R[]): CommandDiff<L, R> {
  const remoteByKey = new Map<string, R>();
  for (const cmd of remote) remoteByKey.set(identity(cmd), cmd);
  const diff: CommandDiff<L, R> = { create: [], update: [], remove: [], unchanged: [] };
  const seen = new Set<string>();
  const sortedLocal = [...local].sort((a, b) => compare(identity(a), identity(b)));
  for (const cmd of sortedLocal) {
    const key = identity(cmd);
    seen.add(key);
    const match = remoteByKey.get(key);
    if (match === undefined) {
      diff.create.push(cmd);
      continue;
    }
    const mine = normalizeCommand(cmd);
    const theirs = normalizeCommand(match);
    for (const field of SERVER_FILLED) if (!(field in mine)) delete theirs[field];
    const same = stableStringify(mine) === stableStringify(theirs);
    (same ? diff.unchanged : diff.update).push({ local: cmd, remote: match });
  }
  for (const [key, cmd] of [...remoteByKey].sort(([a], [b]) => compare(a, b))) {
    if (!seen.has(key)) diff.remove.push(cmd);
  }
  return diff;
}

/**
 * A SHA-256 hex digest of a command set, unchanged by command order, key order and default or
 * response-only fields. Store it after a successful sync; when the next start computes the same
 * hash there is nothing to upload (zero API calls).
 */
export function commandSetHash(cmds: readonly unknown[]): string {
  const canonical = cmds
    .map((cmd) => stableStringify(normalizeCommand(cmd)))
    .sort(compare)
    .join('\n');
  return createHash('sha256').update(canonical).digest('hex');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
