/**
 * `@zoryx/framework/config`: the bot's configuration, environment and fault policy, **without**
 * discord.js, Sapphire or the database. For a process that supervises a bot in a worker thread
 * (`zoryx start`): it reads the settings it needs here while its worker loads the whole framework,
 * instead of loading the framework twice, once in each thread, one after the other.
 *
 * The same functions as the main entry and `@zoryx/framework/internals` (one copy of each module:
 * the entries share their chunks), so a config read here is the config `createBot` reads.
 *
 * @packageDocumentation
 */
export { FRAMEWORK_INTENTS } from './client/framework-intents.js';
export { applyEnv, loadDotEnv, readEnv, type ZoryxEnv } from './config/env.js';
export {
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
  parseConfigText,
} from './config/load-config.js';
export {
  configSchema,
  defaultConfig,
  type ZoryxConfig,
  type ZoryxConfigInput,
} from './config/schema.js';
export {
  extensionOfActivity,
  type FaultKind,
  type FaultOutcome,
  type FaultPolicy,
  faultPolicyOf,
  type RecordFaultOptions,
  recordFault,
} from './faults/fault-ledger.js';
