import { type ExtensionManifest, resolve } from '@zoryx/resolver';
import { installedVersion, listedPackages, readPins, writeListedPackages } from './bot-folder.js';
import {
  frameworkVersion,
  loadedManifests,
  type MarketplaceOptions,
  openSession,
  type Session,
} from './engine-context.js';
import { MarketplaceError } from './errors.js';
import { withOperationLock } from './operation-lock.js';
import { installPackage, type PmRun } from './package-manager.js';
import { EXTENSION_KEYWORD, parseSpec } from './registry-client.js';
import { putBackChecked, withRollBack } from './rollback.js';
import { formatScorecard, type Scorecard, scoreVersion } from './scorecard.js';

/** What an install or update did. */
export interface InstallReport {
  readonly name: string;
  readonly version: string;
  readonly previousVersion: string | undefined;
  readonly scorecard: Scorecard;
  /** The resolver's explanation of the check against what is loaded. */
  readonly explanation: string;
  /** True when the running bot loaded (or reloaded) it; false when no bot was running. */
  readonly live: boolean;
  /** Extensions the bot loaded or reloaded. */
  readonly names: readonly string[];
  readonly scriptsRan: boolean;
  readonly ms: number;
}

async function candidate(
  session: Session,
  operation: string,
  name: string,
  range: string | undefined,
) {
  const { version } = await session.client.resolveVersion(name, range);
  await session.step(
    operation,
    name,
    'resolved',
    true,
    `${name}@${version.version} (${range ?? 'latest'})`,
  );
  if (!version.keywords.includes(EXTENSION_KEYWORD)) {
    throw new MarketplaceError(
      'ZRX_MARKET_NOT_AN_EXTENSION',
      `${name}@${version.version} has no "${EXTENSION_KEYWORD}" keyword.`,
    );
  }
  const scorecard = await scoreVersion(
    session.client,
    version,
    await frameworkVersion(session.folder),
  );
  await session.step(
    operation,
    name,
    'scorecard',
    true,
    `${scorecard.passed}/${scorecard.checks.length}`,
  );
  session.options.log?.(formatScorecard(scorecard));
  if (!scorecard.manifest) {
    throw new MarketplaceError(
      'ZRX_MARKET_NOT_AN_EXTENSION',
      `${name}@${version.version} is not a valid extension: ${scorecard.checks[0]?.detail ?? 'no manifest'}.`,
    );
  }
  return { version, scorecard, manifest: scorecard.manifest };
}

/** The resolver's verdict on `manifest` joining `loaded` (which must not hold its old version). */
async function check(
  session: Session,
  operation: string,
  manifest: ExtensionManifest,
  loaded: ExtensionManifest[],
) {
  const others = loaded.filter((m) => m.name !== manifest.name);
  // The new version plus everything loaded: a dependent of the old version must accept the new one.
  const dependents = others.filter(
    (m) =>
      manifest.name in (m.dependencies ?? {}) || manifest.name in (m.optionalDependencies ?? {}),
  );
  const plan = resolve([manifest, ...dependents], {
    loaded: others.filter((m) => !dependents.includes(m)),
  });
  const explanation = plan.explain();
  if (plan.skipped.length > 0) {
    await session.step(
      operation,
      manifest.name,
      'refused',
      false,
      plan.skipped.map((s) => s.problems[0]?.message).join(' '),
    );
    const hints = [...new Set(plan.skipped.flatMap((s) => s.problems.map((p) => p.hint)))];
    throw new MarketplaceError(
      'ZRX_MARKET_REFUSED',
      `Nothing was written. ${explanation}`,
      hints.length > 0 ? { hint: hints.join(' ') } : {},
    );
  }
  await session.step(operation, manifest.name, 'resolver check', true, 'accepted');
  return explanation;
}

/** Refuses to add a package config.json already lists, or to update one it does not. */
async function assertListing(session: Session, name: string, operation: 'add' | 'update') {
  const listed = (await listedPackages(session.folder)).includes(name);
  if (operation === 'add' && listed) {
    throw new MarketplaceError(
      'ZRX_MARKET_ALREADY_INSTALLED',
      `${name} is already in config.json extensions.packages.`,
    );
  }
  if (operation === 'update' && !listed) {
    throw new MarketplaceError(
      'ZRX_MARKET_NOT_INSTALLED',
      `${name} is not in config.json extensions.packages.`,
    );
  }
}

/** What an add or update knows once it holds the lock: its package, requested range and start. */
interface Operation {
  readonly session: Session;
  readonly name: string;
  readonly range: string | undefined;
  /** `performance.now()` when the command was called, for the report's `ms`. */
  readonly started: number;
}

/**
 * Opens the session and, under the bot folder's operation lock, logs the start, checks the
 * listing ({@link assertListing}) and runs `work`.
 */
async function underLock<T>(
  options: MarketplaceOptions,
  spec: string,
  operation: 'add' | 'update',
  work: (run: Operation) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const { name, range } = parseSpec(spec);
  const session = await openSession(options);
  return withOperationLock(session.folder, `${operation} ${spec}`, async () => {
    await session.step(operation, name, 'start', true, spec);
    await assertListing(session, name, operation);
    return work({ session, name, range, started });
  });
}

/** Everything before the first write: resolve and score the version, check it against what is loaded. */
async function vet(session: Session, operation: string, name: string, range: string | undefined) {
  const { version, scorecard, manifest } = await candidate(session, operation, name, range);
  const { manifests, live } = await loadedManifests(session);
  const explanation = await check(session, operation, manifest, manifests);
  return { version, scorecard, explanation, live };
}

/**
 * Installs `version` of the operation's package with the bot's package manager (scripts off
 * unless `allowScripts`), then runs `after` with the package manager's runs; if either fails the
 * bot folder is put back byte for byte ({@link withRollBack}, {@link putBackChecked}).
 */
async function installRolledBack<T>(
  { session, name }: Operation,
  operation: 'add' | 'update',
  version: string,
  allowScripts: boolean,
  after: (runs: PmRun[]) => Promise<T>,
): Promise<T> {
  return withRollBack(
    session,
    operation,
    name,
    async () =>
      after(await installPackage(session.folder, { name, version, allowScripts }, session.env)),
    (taken) => putBackChecked(session, operation, name, taken),
  );
}

/**
 * `zoryx ext add <name>[@range]`: resolves the version, scores it, checks it with the resolver
 * against what is loaded (refusing with the explanation before anything is written), installs
 * it with the bot's package manager (scripts off unless allowed), lists it in config.json, and
 * has the running bot load it. If anything after the first write fails, config.json,
 * package.json and the lockfile are restored byte for byte and the error says why.
 */
export async function addExtension(
  options: MarketplaceOptions,
  spec: string,
): Promise<InstallReport> {
  return underLock(options, spec, 'add', async (run) => {
    const { session, name, range, started } = run;
    const { version, scorecard, explanation, live } = await vet(session, 'add', name, range);
    const allowScripts = options.allowScripts?.includes(name) ?? false;
    return installRolledBack(run, 'add', version.version, allowScripts, async (runs) => {
      await session.step(
        'add',
        name,
        'installed',
        true,
        `${runs.map((r) => `${r.command} (${Math.round(r.ms)} ms)`).join('; ')}; install scripts ${allowScripts ? 'allowed' : 'off'}`,
      );
      await writeListedPackages(session.folder, [...(await listedPackages(session.folder)), name]);
      await session.step('add', name, 'listed', true, 'config.json extensions.packages');
      const names = live ? await session.link.load(name) : [];
      await session.step(
        'add',
        name,
        live ? 'loaded' : 'not loaded',
        true,
        live
          ? names.join(', ')
          : 'no running bot answered (a bot needs "@zoryx/marketplace" in extensions.packages to load packages live): it loads at the next start',
      );
      return {
        name,
        version: version.version,
        previousVersion: undefined,
        scorecard,
        explanation,
        live,
        names,
        scriptsRan: allowScripts,
        ms: performance.now() - started,
      };
    });
  });
}

/**
 * `zoryx ext update <name> [range]`: stages the new version (resolver check with the loaded
 * dependents, install), then has the bot reload it with the loader's rollback; on failure the
 * files are restored byte for byte and the old version keeps running. Pinned packages are refused.
 */
export async function updateExtension(
  options: MarketplaceOptions,
  spec: string,
): Promise<InstallReport> {
  return underLock(options, spec, 'update', async (run) => {
    const { session, name, range, started } = run;
    const pinned = (await readPins(session.folder))[name];
    if (pinned) throw new MarketplaceError('ZRX_MARKET_PINNED', `${name} is pinned at ${pinned}.`);
    const previousVersion = await installedVersion(session.folder, name);
    const { version, scorecard, explanation, live } = await vet(session, 'update', name, range);
    const base = {
      name,
      version: version.version,
      previousVersion,
      scorecard,
      explanation,
      scriptsRan: false,
    };
    if (previousVersion === version.version) {
      await session.step('update', name, 'up to date', true, version.version);
      return { ...base, live, names: [], ms: performance.now() - started };
    }
    const allowScripts = options.allowScripts?.includes(name) ?? false;
    return installRolledBack(run, 'update', version.version, allowScripts, async () => {
      await session.step(
        'update',
        name,
        'staged',
        true,
        `${previousVersion ?? '?'} → ${version.version}`,
      );
      const names = live ? await session.link.reload(name) : [];
      await session.step(
        'update',
        name,
        live ? 'reloaded' : 'not reloaded',
        true,
        live ? names.join(', ') : 'no bot running',
      );
      return { ...base, live, names, scriptsRan: allowScripts, ms: performance.now() - started };
    });
  });
}

/** What an install would do, checked without writing anything (the `/marketplace` preview). */
export interface InstallPreview {
  readonly name: string;
  readonly version: string;
  readonly scorecard: Scorecard;
  readonly explanation: string;
}

/**
 * Resolves, scores and checks `spec` against what is loaded exactly as `add`/`update` would,
 * and writes nothing (the audit log aside). Throws `ZRX_MARKET_REFUSED` with the explanation.
 */
export async function previewExtension(
  options: MarketplaceOptions,
  spec: string,
  operation: 'add' | 'update' = 'add',
): Promise<InstallPreview> {
  const { name, range } = parseSpec(spec);
  const session = await openSession(options);
  await assertListing(session, name, operation);
  const { version, scorecard, explanation } = await vet(session, 'preview', name, range);
  return { name, version: version.version, scorecard, explanation };
}
