import { dependentsOf, resolve } from '@zoryx/resolver';
import {
  installedVersion,
  listedPackages,
  readPins,
  writeListedPackages,
  writePins,
} from './bot-folder.js';
import { loadedManifests, type MarketplaceOptions, openSession } from './engine-context.js';
import { MarketplaceError } from './errors.js';
import { withOperationLock } from './operation-lock.js';
import { uninstallPackages } from './package-manager.js';
import { parseSpec } from './registry-client.js';
import { putBack, withRollBack } from './rollback.js';
import { extensionNameOf } from './scorecard.js';

/** What a removal did. */
export interface RemoveReport {
  /** Packages uninstalled and dropped from config.json: the dependents first, then the package. */
  readonly removed: readonly string[];
  /** Extensions the running bot unloaded (dependents first). */
  readonly unloaded: readonly string[];
  readonly live: boolean;
}

/**
 * `zoryx ext remove <name>`: finds the extensions that depend on it (what the bot runs, else the
 * installed packages' manifests); if there are any, asks `confirm` (refusing with
 * `ZRX_MARKET_CONFIRM` when it is absent or says no); then the running bot unloads it (its
 * dependents first), and the package and its installed dependents are dropped from config.json
 * and uninstalled. If uninstalling fails, the files are restored and the bot loads them again.
 */
export async function removeExtension(
  options: MarketplaceOptions,
  packageName: string,
): Promise<RemoveReport> {
  const { name } = parseSpec(packageName);
  const session = await openSession(options);
  return withOperationLock(session.folder, `remove ${name}`, async () => {
    await session.step('remove', name, 'start', true);
    const listed = await listedPackages(session.folder);
    if (!listed.includes(name)) {
      throw new MarketplaceError(
        'ZRX_MARKET_NOT_INSTALLED',
        `${name} is not in config.json extensions.packages.`,
      );
    }
    const { manifests, live } = await loadedManifests(session);
    const plan = resolve(manifests, { enforceDependencies: false, enforceConflicts: false });
    const dependents = dependentsOf(plan, extensionNameOf(name));
    const dependentPackages = listed.filter(
      (p) => p !== name && dependents.includes(extensionNameOf(p)),
    );
    if (dependents.length > 0) {
      const question = `${name} is needed by ${dependents.join(', ')}; remove ${dependents.length === 1 ? 'it' : 'them'} too?`;
      const yes = (await options.confirm?.(question)) ?? false;
      await session.step('remove', name, 'confirmation', yes, question);
      if (!yes)
        throw new MarketplaceError(
          'ZRX_MARKET_CONFIRM',
          `${question} Not confirmed; nothing was changed.`,
        );
    }
    const unloaded = live ? await session.link.unload(name) : [];
    if (live) await session.step('remove', name, 'unloaded', true, unloaded.join(', '));
    // Dependents first, as they were unloaded.
    const removed = [...dependentPackages.reverse(), name];
    return withRollBack(
      session,
      'remove',
      name,
      async () => {
        await writeListedPackages(
          session.folder,
          listed.filter((p) => !removed.includes(p)),
        );
        await session.step('remove', name, 'unlisted', true, removed.join(', '));
        const run = await uninstallPackages(session.folder, removed, session.env);
        await session.step(
          'remove',
          name,
          'uninstalled',
          true,
          `${run.command} (${Math.round(run.ms)} ms)`,
        );
        const pins = await readPins(session.folder);
        if (removed.some((p) => p in pins)) {
          await writePins(
            session.folder,
            Object.fromEntries(Object.entries(pins).filter(([p]) => !removed.includes(p))),
          );
        }
        return { removed, unloaded, live };
      },
      async (taken) => {
        await putBack(session, taken);
        // The bot loads back what it unloaded, the package before its dependents.
        if (live)
          for (const pkg of [name, ...dependentPackages.reverse()])
            await session.link.load(pkg).catch(() => undefined);
      },
    );
  });
}

/**
 * Pins a package at its installed version: `update` refuses it until {@link unpinExtension}.
 * Pins live in `<data>/marketplace/pins.json` (package.json keeps its range).
 */
export async function pinExtension(
  options: MarketplaceOptions,
  packageName: string,
): Promise<string> {
  const session = await openSession(options);
  return withOperationLock(session.folder, `pin ${packageName}`, async () => {
    const version = await installedVersion(session.folder, packageName);
    if (!version || !(await listedPackages(session.folder)).includes(packageName)) {
      throw new MarketplaceError(
        'ZRX_MARKET_NOT_INSTALLED',
        `${packageName} is not installed as an extension.`,
      );
    }
    await writePins(session.folder, {
      ...(await readPins(session.folder)),
      [packageName]: version,
    });
    await session.step('pin', packageName, 'pinned', true, version);
    return version;
  });
}

/** Lifts a pin. Resolves false when the package was not pinned. */
export async function unpinExtension(
  options: MarketplaceOptions,
  packageName: string,
): Promise<boolean> {
  const session = await openSession(options);
  return withOperationLock(session.folder, `unpin ${packageName}`, async () => {
    const pins = await readPins(session.folder);
    if (!(packageName in pins)) return false;
    delete pins[packageName];
    await writePins(session.folder, pins);
    await session.step('unpin', packageName, 'unpinned', true);
    return true;
  });
}
