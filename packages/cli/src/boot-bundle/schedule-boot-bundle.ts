// In the supervising thread, once the bot serves: when its folder has no usable boot bundle,
// builds one in a child process at the lowest priority, for the next start. The child finishes on
// its own if the bot stops meanwhile (a few seconds); the manifest is written last, so a start
// that comes before it simply loads from node_modules.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants, setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import type { SupervisorLogger } from '@zoryx/supervisor';
import { bootBundleState } from './boot-bundle-manifest.js';

/** After serving, how long the build waits (the bot's first seconds are busy). */
export const BUILD_DELAY_MS = 2_000;

/** What a scheduled build reports. */
export type BootBundleBuild =
  | {
      readonly ok: true;
      readonly bundle: string;
      readonly inputs: number;
      readonly bytes: number;
      readonly buildMs: number;
    }
  | { readonly ok: false; readonly message: string };

/** A scheduled build (its outcome is logged). */
export interface ScheduledBootBundle {
  /** Cancels the build if it has not started (a started one finishes on its own). */
  cancel(): void;
}

/** This package's dist/boot-bundle-child.js, from src/ (tests) as from dist/. */
function childScript(): string {
  const manifest = createRequire(import.meta.url).resolve('@zoryx/cli/package.json');
  return join(dirname(manifest), 'dist', 'boot-bundle-child.js');
}

function runChild(folder: string): Promise<BootBundleBuild> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childScript(), folder], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, constants.priority.PRIORITY_LOW);
      } catch {
        // Not allowed here: it runs at the default priority.
      }
    }
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.unref();
    child.on('error', (error) => resolve({ ok: false, message: error.message }));
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as BootBundleBuild);
      } catch {
        resolve({
          ok: false,
          message: `the build exited with ${code}: ${err.trim().slice(0, 500)}`,
        });
      }
    });
  });
}

/**
 * Builds the folder's boot bundle after {@link BUILD_DELAY_MS} unless it has a usable one, and
 * logs the outcome (debug when built, warn with `ZRX_CLI_BOOT_BUNDLE` when it failed).
 */
export function scheduleBootBundle(
  folder: string,
  logger: SupervisorLogger,
  delayMs = BUILD_DELAY_MS,
): ScheduledBootBundle {
  const state = bootBundleState(folder);
  if (state.usable) return { cancel: () => undefined };
  logger.debug(
    { folder, reason: state.reason },
    `boot bundle ${state.reason}: building it in ${delayMs} ms`,
  );
  const timer = setTimeout(() => {
    void runChild(folder).then((build) => {
      if (build.ok) {
        logger.debug(
          { bootBundle: build },
          `boot bundle built (${build.inputs} modules in one file) in ${build.buildMs} ms: the next start loads the framework from it`,
        );
      } else {
        logger.warn(
          { code: 'ZRX_CLI_BOOT_BUNDLE', folder, message: build.message },
          `boot bundle not built (the bot is not affected): ${build.message}`,
        );
      }
    });
  }, delayMs);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
}
