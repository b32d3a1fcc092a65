import { commandSetHash, diffCommands } from '@zoryx/slash-limit';
import {
  type APIApplicationCommand,
  type RESTPostAPIApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import { FrameworkError } from '../errors.js';

/** The part of discord.js's `REST` the sync uses. */
export interface SyncRest {
  get(route: `/${string}`): Promise<unknown>;
  put(route: `/${string}`, options: { body: unknown }): Promise<unknown>;
  post(route: `/${string}`, options: { body: unknown }): Promise<unknown>;
  patch(route: `/${string}`, options: { body: unknown }): Promise<unknown>;
  delete(route: `/${string}`): Promise<unknown>;
}

/** Where the hash of the last synced set is kept (an `AtomicStore` fits). */
export interface SyncStateStore {
  readJson<T>(path: string): Promise<T | undefined>;
  writeJson(path: string, data: unknown): Promise<void>;
}

/** What one sync did. */
export interface SyncReport {
  scope: string;
  /** Application-command API calls made (0 when the hash matched). */
  calls: number;
  created: number;
  updated: number;
  removed: number;
  /** True when the stored hash matched and nothing was sent. */
  unchanged: boolean;
}

/** Path of the sync state inside the store. */
export const SYNC_STATE_PATH = 'framework/command-sync.json';

/**
 * Makes Discord's command set for one scope (global, or one guild) equal `body` with as few API
 * calls as possible:
 * - the hash of the set is kept in the store; same hash as last time → **0 calls**;
 * - otherwise one GET, then a diff: nothing to do → done (1 call); one change → one
 *   POST/PATCH/DELETE (2 calls); more → one bulk PUT, which keeps the ids of unchanged names
 *   (2 calls). The hash is stored only after Discord accepted the set.
 * Throws `ZRX_COMMAND_SYNC` with Discord's error when a call fails.
 */
export async function syncCommands(
  body: readonly RESTPostAPIApplicationCommandsJSONBody[],
  options: { rest: SyncRest; applicationId: string; state: SyncStateStore; guildId?: string },
): Promise<SyncReport> {
  const { rest, applicationId, state, guildId } = options;
  const scope = guildId ? `guild:${guildId}` : 'global';
  const key = `${applicationId}/${scope}`;
  const hash = commandSetHash([...body]);
  const saved = (await state.readJson<Record<string, string>>(SYNC_STATE_PATH)) ?? {};
  const report: SyncReport = {
    scope,
    calls: 0,
    created: 0,
    updated: 0,
    removed: 0,
    unchanged: false,
  };
  if (saved[key] === hash) return { ...report, unchanged: true };

  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  try {
    const remote = (await rest.get(route)) as APIApplicationCommand[];
    report.calls++;
    const diff = diffCommands([...body], remote);
    report.created = diff.create.length;
    report.updated = diff.update.length;
    report.removed = diff.remove.length;
    const changes = report.created + report.updated + report.removed;
    if (changes === 1) {
      await applySingle(rest, diff, remote, body, route, applicationId, guildId);
      report.calls++;
    } else if (changes > 1) {
      await rest.put(route, { body });
      report.calls++;
    }
  } catch (error) {
    throw new FrameworkError(
      'ZRX_COMMAND_SYNC',
      `Registering application commands (${scope}) failed: ${(error as Error).message}`,
      'Fix the command named in the Discord error, then restart; nothing was recorded, so the next start retries.',
      { cause: error },
    );
  }
  await state.writeJson(SYNC_STATE_PATH, { ...(await readState(state)), [key]: hash });
  return report;
}

async function readState(state: SyncStateStore): Promise<Record<string, string>> {
  return (await state.readJson<Record<string, string>>(SYNC_STATE_PATH)) ?? {};
}

function nameOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as {
    name?: unknown;
    local?: { name?: unknown };
    remote?: { name?: unknown };
  };
  const name = record.name ?? record.local?.name ?? record.remote?.name;
  return typeof name === 'string' ? name : undefined;
}

async function applySingle(
  rest: SyncRest,
  diff: { create: unknown[]; update: unknown[]; remove: unknown[] },
  remote: readonly APIApplicationCommand[],
  body: readonly RESTPostAPIApplicationCommandsJSONBody[],
  route: `/${string}`,
  applicationId: string,
  guildId: string | undefined,
): Promise<void> {
  const one = (name: string | undefined) =>
    guildId
      ? Routes.applicationGuildCommand(applicationId, guildId, idOf(remote, name))
      : Routes.applicationCommand(applicationId, idOf(remote, name));
  const [created] = diff.create;
  if (created !== undefined) {
    await rest.post(route, { body: localOf(body, nameOf(created)) });
    return;
  }
  const [updated] = diff.update;
  if (updated !== undefined) {
    const name = nameOf(updated);
    await rest.patch(one(name), { body: localOf(body, name) });
    return;
  }
  await rest.delete(one(nameOf(diff.remove[0])));
}

/** The hint when the diff names a command neither list holds: the diff and the lists disagree. */
const DIFF_BUG =
  'The command diff disagrees with the command lists (a bug in Zoryx): report it; the next start syncs again.';

function idOf(remote: readonly APIApplicationCommand[], name: string | undefined): string {
  const found = remote.find((c) => c.name === name);
  if (!found) {
    throw new FrameworkError('ZRX_COMMAND_SYNC', `no registered command named "${name}"`, DIFF_BUG);
  }
  return found.id;
}

function localOf(
  body: readonly RESTPostAPIApplicationCommandsJSONBody[],
  name: string | undefined,
): RESTPostAPIApplicationCommandsJSONBody {
  const found = body.find((c) => c.name === name);
  if (!found) {
    throw new FrameworkError('ZRX_COMMAND_SYNC', `no local command named "${name}"`, DIFF_BUG);
  }
  return found;
}
