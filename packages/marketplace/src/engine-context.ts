import { join } from 'node:path';
import type { ExtensionManifest } from '@zoryx/resolver';
import {
  type AuditEntry,
  audit,
  type BotFolder,
  installedVersion,
  listedPackages,
  openBotFolder,
} from './bot-folder.js';
import { type BotLink, fileBotLink } from './bot-link.js';
import { readManifestSandboxed } from './manifest-sandbox.js';
import { readRegistryConfig } from './npm-config.js';
import { FRAMEWORK_PACKAGE, RegistryClient } from './registry-client.js';
import { extensionNameOf } from './scorecard.js';

/** Options every marketplace operation takes. */
export interface MarketplaceOptions {
  /** The bot folder (its package.json and config.json). */
  readonly cwd: string;
  /** Environment for the registry settings and the package manager. Default `process.env`. */
  readonly env?: Record<string, string | undefined>;
  /** Who asks, for the audit log (`cli:<user>`, `discord:<user id>`). Default `cli`. */
  readonly by?: string;
  /** Each step, as a line (the CLI prints them; the extension logs them). */
  readonly log?: (line: string) => void;
  /** How the running bot is told. Default: the request files the `marketplace` extension watches. */
  readonly link?: BotLink;
  /** Packages whose own install scripts the owner allows (all others install with scripts off). */
  readonly allowScripts?: readonly string[];
  /** Asked before removing dependents too; absent = not confirmed. */
  readonly confirm?: (question: string) => Promise<boolean>;
}

/** Everything an operation works with, opened once. */
export interface Session {
  readonly folder: BotFolder;
  readonly client: RegistryClient;
  readonly link: BotLink;
  readonly env: Record<string, string | undefined>;
  readonly options: MarketplaceOptions;
  /** Logs a step and appends it to the audit log. */
  step(
    operation: string,
    pkg: string,
    step: string,
    ok: boolean,
    detail?: string,
  ): Promise<AuditEntry>;
}

/** Opens the bot folder, the registry client (the folder's npm settings) and the bot link. */
export async function openSession(options: MarketplaceOptions): Promise<Session> {
  const env = options.env ?? process.env;
  const folder = await openBotFolder(options.cwd);
  const client = new RegistryClient({
    config: await readRegistryConfig(folder.dir, env),
    cacheDir: join(folder.stateDir, 'cache'),
  });
  const link = options.link ?? fileBotLink(folder);
  const opened = performance.now();
  return {
    folder,
    client,
    link,
    env,
    options,
    step: async (operation, pkg, step, ok, detail) => {
      const at = `+${Math.round(performance.now() - opened)} ms`;
      options.log?.(`${ok ? '·' : '✗'} ${step}${detail ? `: ${detail}` : ''} (${at})`);
      return audit(folder, {
        operation,
        package: pkg,
        step,
        ok,
        by: options.by ?? 'cli',
        ...(detail === undefined ? {} : { detail }),
      });
    },
  };
}

/** The bot's installed `@zoryx/framework` version (what a package's Zoryx range is checked against). */
export function frameworkVersion(folder: BotFolder): Promise<string | undefined> {
  return installedVersion(folder, FRAMEWORK_PACKAGE);
}

/**
 * What is loaded: the running bot's answer, or — with no bot running — the manifests of the
 * packages config.json lists, read from node_modules in the sandbox (folder extensions are then
 * not known; the bot's own loader checks them again when it starts).
 */
export async function loadedManifests(
  session: Session,
): Promise<{ manifests: ExtensionManifest[]; live: boolean }> {
  const live = await session.link.loaded();
  if (live) return { manifests: live, live: true };
  const manifests: ExtensionManifest[] = [];
  for (const pkg of await listedPackages(session.folder)) {
    const read = await readManifestSandboxed(
      join(session.folder.dir, 'node_modules', pkg),
      extensionNameOf(pkg),
    ).catch(() => undefined);
    if (read?.ok) manifests.push(read.manifest);
  }
  return { manifests, live: false };
}
