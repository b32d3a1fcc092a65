// The public face of @zoryx/framework: what a bot author needs, and no more. Everything else the
// framework's own packages use lives behind `@zoryx/framework/internals` (unstable).
import './authoring/vocabulary.js';
// For its augmentation of @zoryx/loader (`ctx.client`, `ctx.db`, `ctx.store`): without this
// import the bundled types of this entry lose it, and extensions see an untyped ctx.
import './client/extension-wiring.js';

export type {
  BaseExtensionContext,
  BootReport,
  EnforcementToggles,
  ExtensionContext,
  ExtensionDefinition,
  ExtensionRegistryView,
  ExtensionStatus,
} from '@zoryx/loader';
export { defineExtension } from '@zoryx/loader';
export type { ColumnType, Generated, Insertable, Migration, Selectable } from 'kysely';
export type { AccessLevel } from './authoring/access.js';
export { isBotOwner, isGuildOwnerOrBotOwner } from './authoring/access.js';
export type {
  ArgsOf,
  OptionKind,
  OptionSpec,
  OptionsSpec,
  RoleArg,
} from './authoring/command-options.js';
export {
  type CommandDefinition,
  type CommandEntry,
  type CommandInteraction,
  type CommandMeta,
  commandMeta,
  defineCommand,
  usageOf,
} from './authoring/define-command.js';
export {
  type ComponentDefinition,
  type ComponentEntry,
  type ComponentInteractions,
  type ComponentKind,
  defineComponent,
} from './authoring/define-component.js';
export { contextOf } from './authoring/extension-context.js';
export type {
  ExtensionApis,
  GuildTables,
  HookEvents,
  MainTables,
} from './authoring/vocabulary.js';
export type { BotRuntime, RelayLagCounts, RelayLagStage } from './client/bot-runtime.js';
export { type CreateBotOptions, createBot } from './client/create-bot.js';
export { type JsonObject, SETTINGS_SECRET_MARKER } from './client/extension-config-overrides.js';
export type { FrameworkDataStats } from './client/framework-data.js';
export { ZoryxClient, type ZoryxClientOptions, type ZoryxServices } from './client/zoryx-client.js';
export type {
  ExtensionConfigureResult,
  ExtensionSettings,
  JsonSchema,
  ZoryxExtensionHost,
} from './client/zoryx-extension-host.js';
export type { SyncReport } from './commands/command-sync.js';
// Neither loads zod with the framework: loadConfig imports it on its first call.
export { loadConfig } from './config/config-on-demand.js';
export { defaultConfig } from './config/defaults.js';
export type { DeepMergePatch } from './config/json-merge-patch.js';
export type { ZoryxConfig, ZoryxConfigInput } from './config/schema.js';
export type {
  CooldownAnswer,
  CooldownResult,
  CooldownRule,
  CooldownTracker,
} from './cooldowns/cooldown-tracker.js';
export { FrameworkError, type FrameworkErrorCode } from './errors.js';
export type {
  CommandErrorPayload,
  CommandExecutedPayload,
  CommandKind,
  GuildDatabaseCorruptPayload,
} from './events/framework-events.js';
export type {
  IntakeAnswer,
  IntakeKind,
  IntakeLimiter,
  IntakeRule,
  IntakeRules,
  IntakeStats,
  IntakeVerdict,
} from './intake/intake-limiter.js';
export type {
  SharedHit,
  SharedRateStore,
  SharedStoreOptions,
} from './intake/shared-rate-store.js';
export type { ExtensionJobs } from './jobs/extension-jobs.js';
export type { JobHandler, JobRun } from './jobs/job-scheduler.js';
export type { JobSpec, JsonValue } from './jobs/job-spec.js';
export type { JobInfo } from './jobs/jobs-table.js';
export { ReplyColor, replyEmbed } from './listeners/replies.js';
export { createLogger, type ZoryxLogger } from './logging/create-logger.js';
export type { GuildSettings } from './settings/guild-settings.js';
export type { GuildSettingKey, GuildSettingValues } from './settings/setting-schema.js';
export type { SettingsCacheStats } from './settings/settings-cache.js';
export type { CommandStat } from './stats/command-usage.js';
