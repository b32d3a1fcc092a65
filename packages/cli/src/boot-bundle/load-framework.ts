// In the worker thread: the framework from the boot bundle when the folder has a usable one, else
// from node_modules as always. With the bundle, the modules it exports are handed to the loader as
// shared modules, so extensions importing them get the bot's instances (see SHARED_MODULES).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { createBot } from '@zoryx/framework';
import type { createBotWithConfig } from '@zoryx/framework/internals';
import { bootBundleState } from './boot-bundle-manifest.js';
import { type EvaluatedBundle, evaluateBundle } from './bundle-script.js';

/** The framework functions the worker entry needs, and where they came from. */
export interface FrameworkRuntime {
  readonly createBot: typeof createBot;
  readonly createBotWithConfig: typeof createBotWithConfig;
  /** The bundle's modules for createBot's `sharedModules` (empty from node_modules). */
  readonly sharedModules: Readonly<Record<string, unknown>>;
  /** Where the framework came from (and why not the bundle), for the start's log line. */
  readonly note: string;
  /**
   * Once the bot has started: writes the bundle's code cache when there was none or V8 refused
   * it (taken after the boot, it also holds what the boot compiled). Never throws.
   */
  refreshCodeCache(): void;
}

type FrameworkModule = typeof import('@zoryx/framework');
type InternalsModule = typeof import('@zoryx/framework/internals');

async function fromNodeModules(note: string): Promise<FrameworkRuntime> {
  const [framework, internals] = await Promise.all([
    import('@zoryx/framework'),
    import('@zoryx/framework/internals'),
  ]);
  return {
    createBot: framework.createBot,
    createBotWithConfig: internals.createBotWithConfig,
    sharedModules: {},
    note,
    refreshCodeCache: () => undefined,
  };
}

function readCache(folder: string, name: string | undefined): Buffer | undefined {
  if (!name) return undefined;
  try {
    return readFileSync(join(folder, name));
  } catch {
    return undefined;
  }
}

/**
 * Loads the framework: from the bundle in `folder` when it is usable (its inputs unchanged),
 * otherwise — no folder, not built yet, stale, or failing to load — from node_modules, with the
 * reason in `note`. Never rejects for the bundle's sake.
 */
export async function loadFramework(folder: string | undefined): Promise<FrameworkRuntime> {
  if (!folder) return fromNodeModules('boot bundle off');
  const state = bootBundleState(folder);
  if (!state.usable) return fromNodeModules(`boot bundle ${state.reason}`);
  const cachedData = readCache(folder, state.manifest.cache);
  let evaluated: EvaluatedBundle;
  try {
    evaluated = evaluateBundle(state.file, cachedData);
  } catch (error) {
    return fromNodeModules(
      `boot bundle failed to load (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const bundle = evaluated.exports;
  const sharedModules: Record<string, unknown> = {};
  state.manifest.shared.forEach((id, i) => {
    sharedModules[id] = bundle[`m${i}`];
  });
  const zod = bundle.zod;
  // A getter: zod is evaluated only when an extension's code first imports it.
  if (typeof zod === 'function') {
    Object.defineProperty(sharedModules, 'zod', { enumerable: true, get: () => zod() });
  }
  const framework = sharedModules['@zoryx/framework'] as FrameworkModule | undefined;
  const internals = sharedModules['@zoryx/framework/internals'] as InternalsModule | undefined;
  if (
    typeof framework?.createBot !== 'function' ||
    typeof internals?.createBotWithConfig !== 'function'
  ) {
    return fromNodeModules('boot bundle lacks the framework');
  }
  return {
    createBot: framework.createBot,
    createBotWithConfig: internals.createBotWithConfig,
    sharedModules,
    note: `boot bundle ${state.manifest.bundle}${
      cachedData === undefined
        ? ' (no code cache)'
        : evaluated.cacheRejected
          ? ' (code cache refused)'
          : ''
    }`,
    refreshCodeCache: () => {
      if (cachedData !== undefined && !evaluated.cacheRejected) return;
      // A read-only folder: the next start compiles again, as this one did.
      evaluated.saveCache(join(folder, state.manifest.cache)).catch(() => undefined);
    },
  };
}
