import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MarketplaceError } from './errors.js';

/** The package manager a bot folder uses, told by its lockfile. */
export type PackageManagerName = 'npm' | 'pnpm';

/** The files of a bot folder the marketplace reads and writes. */
export interface BotFolder {
  readonly dir: string;
  readonly configFile: string;
  readonly packageFile: string;
  /** `package-lock.json` or `pnpm-lock.yaml` (it may not exist yet). */
  readonly lockFile: string;
  readonly packageManager: PackageManagerName;
  /** `<data.dir>/marketplace`: lock, audit log, cache, pins, bot requests. */
  readonly stateDir: string;
}

type Json = Record<string, unknown>;

async function readJsonObject(file: string): Promise<Json> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new MarketplaceError('ZRX_MARKET_BOT_FOLDER', `${file} is missing or not valid JSON.`, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MarketplaceError('ZRX_MARKET_BOT_FOLDER', `${file} is not a JSON object.`);
  }
  return parsed as Json;
}

/**
 * Finds the bot folder's files. The package manager is the lockfile's (`pnpm-lock.yaml` →
 * pnpm, otherwise npm), so an install never switches a bot to another one.
 */
export async function openBotFolder(dir: string): Promise<BotFolder> {
  const root = resolve(dir);
  const configFile = join(root, 'config.json');
  const packageFile = join(root, 'package.json');
  const config = await readJsonObject(configFile);
  await readJsonObject(packageFile);
  const pnpm = existsSync(join(root, 'pnpm-lock.yaml'));
  const data = config.data;
  const dataDir =
    typeof data === 'object' && data !== null && 'dir' in data && typeof data.dir === 'string'
      ? data.dir
      : 'data';
  return {
    dir: root,
    configFile,
    packageFile,
    lockFile: join(root, pnpm ? 'pnpm-lock.yaml' : 'package-lock.json'),
    packageManager: pnpm ? 'pnpm' : 'npm',
    stateDir: join(resolve(root, dataDir), 'marketplace'),
  };
}

/** config.json's `extensions.packages`. */
export async function listedPackages(folder: BotFolder): Promise<string[]> {
  const config = await readJsonObject(folder.configFile);
  const extensions = config.extensions;
  const packages =
    typeof extensions === 'object' && extensions !== null && 'packages' in extensions
      ? extensions.packages
      : [];
  return Array.isArray(packages) ? packages.filter((p): p is string => typeof p === 'string') : [];
}

/** Rewrites config.json's `extensions.packages` (2-space JSON, as the template writes it). */
export async function writeListedPackages(
  folder: BotFolder,
  packages: readonly string[],
): Promise<void> {
  const config = await readJsonObject(folder.configFile);
  const extensions: Json =
    typeof config.extensions === 'object' && config.extensions !== null
      ? { ...config.extensions }
      : {};
  extensions.packages = [...packages];
  config.extensions = extensions;
  await writeFile(folder.configFile, `${JSON.stringify(config, null, 2)}\n`);
}

/** The range package.json declares for `name` (dependencies), if any. */
export async function declaredRange(folder: BotFolder, name: string): Promise<string | undefined> {
  const pkg = await readJsonObject(folder.packageFile);
  const deps = pkg.dependencies;
  const range =
    typeof deps === 'object' && deps !== null && name in deps ? (deps as Json)[name] : undefined;
  return typeof range === 'string' ? range : undefined;
}

/** The version of `name` installed in the bot's node_modules, if any. */
export async function installedVersion(
  folder: BotFolder,
  name: string,
): Promise<string | undefined> {
  try {
    const pkg: { version?: unknown } = JSON.parse(
      await readFile(join(folder.dir, 'node_modules', name, 'package.json'), 'utf8'),
    );
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** The exact bytes of the files an operation may change (`null`: the file did not exist). */
export type Snapshot = ReadonlyMap<string, Buffer | null>;

/** Takes the bytes of config.json, package.json and the lockfile before anything is written. */
export async function snapshot(folder: BotFolder): Promise<Snapshot> {
  const files = [folder.configFile, folder.packageFile, folder.lockFile];
  const taken = new Map<string, Buffer | null>();
  for (const file of files) taken.set(file, await readFile(file).catch(() => null));
  return taken;
}

/** Puts every snapshotted file back byte for byte (removing those that did not exist). */
export async function restore(taken: Snapshot): Promise<void> {
  for (const [file, bytes] of taken) {
    if (bytes === null) await rm(file, { force: true });
    else await writeFile(file, bytes);
  }
}

/** True when every snapshotted file has exactly its snapshotted bytes. */
export async function unchangedSince(taken: Snapshot): Promise<boolean> {
  for (const [file, bytes] of taken) {
    const now = await readFile(file).catch(() => null);
    if (bytes === null ? now !== null : now === null || !now.equals(bytes)) return false;
  }
  return true;
}

/** One line of the audit log (`<stateDir>/audit.jsonl`). */
export interface AuditEntry {
  readonly at: string;
  readonly operation: string;
  readonly package: string;
  readonly step: string;
  readonly ok: boolean;
  readonly by: string;
  readonly detail?: string;
}

/** Appends to the audit log; every step of every operation goes there. */
export async function audit(folder: BotFolder, entry: Omit<AuditEntry, 'at'>): Promise<AuditEntry> {
  const line: AuditEntry = { at: new Date().toISOString(), ...entry };
  await mkdir(folder.stateDir, { recursive: true });
  await appendFile(join(folder.stateDir, 'audit.jsonl'), `${JSON.stringify(line)}\n`);
  return line;
}

/** Pinned packages (`<stateDir>/pins.json`): name → exact version. */
export async function readPins(folder: BotFolder): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(folder.stateDir, 'pins.json'), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/** Writes the pins. */
export async function writePins(folder: BotFolder, pins: Record<string, string>): Promise<void> {
  await mkdir(folder.stateDir, { recursive: true });
  await writeFile(join(folder.stateDir, 'pins.json'), `${JSON.stringify(pins, null, 2)}\n`);
}
