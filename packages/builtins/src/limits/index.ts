import { defineExtension } from '@zoryx/framework';
import type { AtomicStore } from '@zoryx/store';
import {
  atomicStatsCommand,
  atomicTestCommand,
  LIMITS,
  slashLimitCommand,
} from './limits-commands.js';

declare module '@zoryx/framework' {
  interface ExtensionApis {
    /** The public API of the built-in extension (what its `setup` returns). */
    limits: LimitsBuiltinApi;
  }
}

/** The public API of the limits built-in. */
export interface LimitsBuiltinApi {
  /** The extension's own store, where `atomictest` writes its scratch files. */
  readonly store: AtomicStore;
}

/**
 * The limits and storage built-in: `slashlimit`, `atomicstats` and `atomictest` (both bot
 * owners only). (Presence rotation is the framework's own `status` config, not an extension.)
 */
export default defineExtension({
  name: LIMITS,
  version: '0.1.0',
  description: 'Slash command limit report and atomic store statistics and self-test',
  author: 'Zoryx',
  commands: [slashLimitCommand, atomicStatsCommand, atomicTestCommand],
  setup(ctx): LimitsBuiltinApi {
    return { store: ctx.store };
  },
});

export { routesByKind, type SlashThresholds, slashLimitFields, usageBar } from './slash-report.js';
export { healthKind, storeFields } from './store-report.js';
export { runStoreSelfTest, type StoreSelfTestStep } from './store-selftest.js';
