import { dirname } from 'node:path';
import type { HookBus } from '@zoryx/hooks';
import type { Logger } from 'pino';
import { type ActivitySink, followAsync, runAsExtension } from './attribution.js';
import type { ExtensionContext, ExtensionRegistryView } from './context.js';
import { validateConfig } from './definition-validation.js';
import { describeError, hintOf, LoaderError, zoryxCauseCode } from './errors.js';
import type { ExtensionVersion } from './extension-version.js';
import type { ExtensionHostOptions, ExtensionInfo } from './host-options.js';
import { createOwnedHooks } from './owned-hooks.js';
import { describeFailures, OwnershipScope, TimeoutError, withTimeout } from './ownership.js';
import { createScheduler } from './scheduler.js';

/** A version that is set up and running. */
export interface ActiveExtension {
  readonly version: ExtensionVersion;
  readonly scope: OwnershipScope;
  readonly ctx: ExtensionContext;
  /** What `setup` returned (its public API), if anything. */
  readonly api: unknown;
  /** `setup` + `afterSetup`, in ms. */
  readonly setupMs: number;
  /** The raw config input it was set up with (a rollback restores it with this config). */
  readonly configInput: unknown;
}

/** What activation needs from the host. */
export interface ActivationEnv {
  readonly bus: HookBus;
  readonly logger: Logger;
  readonly registry: ExtensionRegistryView;
  readonly options: ExtensionHostOptions;
  readonly setupTimeoutMs: number;
  readonly teardownTimeoutMs: number;
  readonly clock: () => number;
  readonly activity: ActivitySink | undefined;
}

/**
 * Validates config, builds `ctx` and runs `setup` (+ the host's `afterSetup`) under the setup
 * timeout. On any failure everything the extension registered so far is released and a coded
 * LoaderError is thrown (`ZRX_EXT_CONFIG_INVALID`, `ZRX_EXT_SETUP_TIMEOUT`, `ZRX_EXT_SETUP_FAILED`).
 * `teardown` is not called for a setup that did not finish: it may assume a complete setup.
 */
export async function activate(
  version: ExtensionVersion,
  env: ActivationEnv,
  reload: boolean,
  input?: { readonly configInput: unknown },
): Promise<ActiveExtension> {
  const name = version.name;
  // A rollback passes the input the previous version ran with: the host's config may have
  // changed since (a settings change whose reload failed) and must not break the restore.
  const configInput = input ? input.configInput : env.options.config?.(name);
  const config = await validateConfig(version.definition, configInput, name);
  const scope = new OwnershipScope(name);
  const logger = env.logger.child({ extension: name });
  const info: ExtensionInfo = {
    name,
    version: version.version,
    definition: version.definition,
    source: version.source,
    reload,
  };
  const started = env.clock();
  let stage: 'setup' | 'afterSetup' = 'setup';
  try {
    const run = async (): Promise<{ ctx: ExtensionContext; api: unknown }> => {
      const base = {
        name,
        version: version.version,
        config,
        logger,
        hooks: createOwnedHooks(env.bus, scope, env.activity),
        schedule: createScheduler(
          scope,
          (error, job) =>
            logger.error({ err: error, job }, `scheduled job ${job} of "${name}" failed`),
          env.activity,
        ),
        extensions: env.registry,
        signal: scope.signal,
        directory: dirname(version.source.entry),
        onDispose: (fn: () => unknown) => scope.onDispose(fn),
        own: <T extends Parameters<OwnershipScope['own']>[0]>(resource: T) => scope.own(resource),
      };
      // The host's own work for the extension runs as the host; setup and afterSetup (which
      // inserts the extension's pieces, whose onLoad is extension code) run as the extension.
      const extras = env.options.createContext ? await env.options.createContext(info, scope) : {};
      const ctx = Object.assign(base, extras) as ExtensionContext;
      const setup = runAsExtension(
        name,
        async () => {
          const api = await version.definition.setup?.(ctx);
          stage = 'afterSetup';
          await env.options.afterSetup?.(info, ctx);
          return { ctx, api };
        },
        env.activity,
      );
      // A spin after an `await` in an async setup is named too, not only its first stretch.
      if (env.activity) followAsync(setup, env.activity, env.setupTimeoutMs);
      return setup;
    };
    const { ctx, api } = await withTimeout(
      run(),
      env.setupTimeoutMs,
      `setup of extension "${name}"`,
    );
    return { version, scope, ctx, api, setupMs: env.clock() - started, configInput };
  } catch (error) {
    const failures = await scope.dispose(env.teardownTimeoutMs);
    if (failures.length > 0) {
      logger.warn(`releasing "${name}" after its failed setup: ${describeFailures(failures)}`);
    }
    if (error instanceof LoaderError) throw error;
    if (error instanceof TimeoutError) {
      throw new LoaderError(
        'ZRX_EXT_SETUP_TIMEOUT',
        `Setup of extension "${name}" did not finish within ${error.timeoutMs} ms; it was unloaded.`,
        'Make setup fast (start long work in the background via ctx.schedule or without awaiting it), or raise setupTimeoutMs.',
        { extension: name, cause: error },
      );
    }
    throw setupFailed(name, stage, error);
  }
}

/**
 * `ZRX_EXT_SETUP_FAILED` around what `setup` or the host's `afterSetup` threw. The thrown error is
 * its `cause`; a coded cause (the framework's `ZRX_PIECE_CONFLICT`…) is named in the message, its
 * hint is kept, and status shows its code as `lastError.causeCode`.
 */
function setupFailed(name: string, stage: 'setup' | 'afterSetup', error: unknown): LoaderError {
  const code = zoryxCauseCode(error);
  const where =
    stage === 'setup'
      ? `Setup of extension "${name}" threw`
      : `The host's afterSetup for extension "${name}" threw`;
  const fallbackHint =
    stage === 'setup'
      ? 'Fix the error in setup(ctx) (see the cause); everything it registered was released.'
      : 'Fix what the host refused in the extension (see the cause); everything it registered was released.';
  return new LoaderError(
    'ZRX_EXT_SETUP_FAILED',
    `${where}${code === undefined ? '' : ` ${code}`}: ${describeError(error)}`,
    hintOf(error) ?? fallbackHint,
    { extension: name, cause: error },
  );
}

/**
 * Runs `teardown` (under the teardown timeout), then releases everything the extension owns:
 * hooks (via the bus's `releaseOwner`), timers, disposers. Never throws: problems are returned as
 * a LoaderError (`ZRX_EXT_TEARDOWN_FAILED`) for the caller to report, and release always happens.
 */
export async function deactivate(
  active: ActiveExtension,
  env: ActivationEnv,
): Promise<LoaderError | undefined> {
  const name = active.version.name;
  const problems: string[] = [];
  let cause: unknown;
  try {
    await withTimeout(
      Promise.resolve().then(() =>
        runAsExtension(name, () => active.version.definition.teardown?.(active.ctx), env.activity),
      ),
      env.teardownTimeoutMs,
      `teardown of extension "${name}"`,
    );
  } catch (error) {
    cause = error;
    problems.push(`teardown: ${describeError(error)}`);
  }
  const failures = await active.scope.dispose(env.teardownTimeoutMs);
  if (failures.length > 0) problems.push(`disposers: ${describeFailures(failures)}`);
  if (problems.length === 0) return undefined;
  return new LoaderError(
    'ZRX_EXT_TEARDOWN_FAILED',
    `Unloading extension "${name}" had problems (${problems.join('; ')}); everything it owned was released anyway.`,
    'Fix teardown(ctx) or the failing disposer; nothing of the extension is left registered.',
    { extension: name, cause },
  );
}
