import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExtensionManifest } from '@zoryx/resolver';
import type { BotFolder } from './bot-folder.js';
import { MarketplaceError } from './errors.js';

/** What the install engine asks of the running bot. */
export interface BotLink {
  /** The manifests of the loaded extensions, or `undefined` when no bot is running. */
  loaded(): Promise<ExtensionManifest[] | undefined>;
  /** Lists the package in the running config and loads it. Rejects with `ZRX_MARKET_LOAD_FAILED`. */
  load(packageName: string): Promise<string[]>;
  /** Reloads it (and its dependents) from its files; the loader rolls back on failure. */
  reload(packageName: string): Promise<string[]>;
  /** Unloads it (its dependents first) and drops it from the running config. */
  unload(packageName: string): Promise<string[]>;
}

/** A request the CLI leaves for the bot in `<stateDir>/requests/<id>.json`. */
export interface BotRequest {
  readonly id: string;
  readonly op: 'state' | 'load' | 'reload' | 'unload';
  readonly package: string;
}

/** The bot's answer in `<stateDir>/results/<id>.json`. */
export interface BotResult {
  readonly id: string;
  readonly ok: boolean;
  readonly names: readonly string[];
  readonly loaded: readonly ExtensionManifest[];
  readonly error?: { readonly code: string; readonly message: string; readonly hint: string };
}

/** `<stateDir>/bot.json`: written by the running bot's `marketplace` extension. */
export interface BotPresence {
  readonly pid: number;
  readonly startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes a file so a reader never sees it half-written (temp file + rename). */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

/** The folders of the request/answer protocol. */
export function linkPaths(stateDir: string) {
  return {
    presence: join(stateDir, 'bot.json'),
    requests: join(stateDir, 'requests'),
    results: join(stateDir, 'results'),
  };
}

/**
 * The CLI's link to a bot running in the same folder (`zoryx dev` or `zoryx start`, in this
 * process tree or not): the bot's `marketplace` extension announces itself in
 * `<data>/marketplace/bot.json` (its pid) and watches `<data>/marketplace/requests/`; a request
 * is one JSON file, answered by one JSON file in `results/`. Files, not a socket: they work the
 * same for a supervised worker, need no port, and leave a trace when something goes wrong.
 * With no live bot, `loaded()` resolves `undefined` and the engine only edits the files (the
 * bot loads the package at its next start).
 */
export function fileBotLink(folder: BotFolder, options: { timeoutMs?: number } = {}): BotLink {
  const paths = linkPaths(folder.stateDir);
  const timeoutMs = options.timeoutMs ?? 60_000;

  const running = async (): Promise<boolean> => {
    try {
      const presence: Partial<BotPresence> = JSON.parse(await readFile(paths.presence, 'utf8'));
      return typeof presence.pid === 'number' && alive(presence.pid);
    } catch {
      return false;
    }
  };

  const ask = async (op: BotRequest['op'], pkg: string): Promise<BotResult> => {
    const request: BotRequest = {
      id: `${Date.now()}-${randomUUID().slice(0, 8)}`,
      op,
      package: pkg,
    };
    await mkdir(paths.requests, { recursive: true });
    await mkdir(paths.results, { recursive: true });
    const resultFile = join(paths.results, `${request.id}.json`);
    await writeAtomically(join(paths.requests, `${request.id}.json`), JSON.stringify(request));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const text = await readFile(resultFile, 'utf8').catch(() => undefined);
      if (text !== undefined) {
        await rm(resultFile, { force: true });
        return JSON.parse(text);
      }
      await new Promise((done) => setTimeout(done, 25));
    }
    await rm(join(paths.requests, `${request.id}.json`), { force: true });
    throw new MarketplaceError(
      'ZRX_MARKET_BOT_TIMEOUT',
      `The running bot did not answer the ${op} request for ${pkg} within ${timeoutMs / 1000} s.`,
    );
  };

  const act = async (op: 'load' | 'reload' | 'unload', pkg: string): Promise<string[]> => {
    const result = await ask(op, pkg);
    if (!result.ok) {
      throw new MarketplaceError(
        'ZRX_MARKET_LOAD_FAILED',
        `The bot could not ${op} ${pkg}: ${result.error?.code ?? 'error'}: ${result.error?.message ?? 'unknown'}`,
      );
    }
    return [...result.names];
  };

  return {
    loaded: async () => ((await running()) ? [...(await ask('state', '')).loaded] : undefined),
    load: (pkg) => act('load', pkg),
    reload: (pkg) => act('reload', pkg),
    unload: (pkg) => act('unload', pkg),
  };
}

/** The requests waiting in `<stateDir>/requests/`, oldest first (ids start with a timestamp). */
export async function pendingRequests(stateDir: string): Promise<BotRequest[]> {
  const { requests } = linkPaths(stateDir);
  const files = (await readdir(requests).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.json'))
    .sort();
  const out: BotRequest[] = [];
  for (const file of files) {
    const path = join(requests, file);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    await rm(path, { force: true });
    if (text === undefined) continue;
    try {
      out.push(JSON.parse(text));
    } catch {
      // a foreign file: ignored
    }
  }
  return out;
}

/** Answers one request. */
export async function answerRequest(stateDir: string, result: BotResult): Promise<void> {
  const { results } = linkPaths(stateDir);
  await mkdir(results, { recursive: true });
  await writeAtomically(join(results, `${result.id}.json`), JSON.stringify(result));
}
