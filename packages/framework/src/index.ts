export { defineExtension } from '@zoryx/loader';
export { type CreateBotOptions, createBot } from './client/create-bot.js';
export {
  defaultPieceName,
  type ExtensionPieces,
  type OwnedPiece,
  type PieceEntry,
  PieceOwnership,
} from './client/extension-pieces.js';
export { ENFORCEMENT_PATH } from './client/extension-wiring.js';
export { createPrefixResolver, type PrefixSettings } from './client/prefixes.js';
export { attachRuntime, type FrameworkRuntime, runtimeOf } from './client/runtime.js';
export { ZoryxClient, type ZoryxClientOptions, type ZoryxServices } from './client/zoryx-client.js';
export {
  type CollectedRegistration,
  collectRegistrations,
} from './commands/collect-registrations.js';
export { CommandRouter } from './commands/command-router.js';
export { CommandService, type CommandServiceOptions } from './commands/command-service.js';
export {
  SYNC_STATE_PATH,
  type SyncReport,
  type SyncRest,
  type SyncStateStore,
  syncCommands,
} from './commands/command-sync.js';
export {
  buildCommandTable,
  type CommandPlanningHints,
  type CommandTable,
  hintsOf,
} from './commands/command-table.js';
export {
  commandTarget,
  DISPATCHER,
  type Dispatcher,
  isDispatcher,
} from './commands/command-target.js';
export {
  createFoldedRootCommand,
  type FoldedEntry,
  type PieceClass,
  rootPieceName,
} from './commands/folded-root.js';
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
  COOLDOWN,
  CooldownPrecondition,
  cooldownRuleFor,
  NO_COOLDOWN,
} from './cooldowns/cooldown-precondition.js';
export {
  type CooldownResult,
  type CooldownRule,
  CooldownTracker,
} from './cooldowns/cooldown-tracker.js';
export { dropSapphireCooldown } from './cooldowns/sapphire-cooldown.js';
export { FrameworkError, type FrameworkErrorCode } from './errors.js';
export { ReplyColor, replyEmbed, sendReply } from './listeners/replies.js';
export {
  type CreateLoggerOptions,
  createLogger,
  REDACTED_KEYS,
  type ZoryxLogger,
} from './logging/create-logger.js';
export { createErrorId } from './logging/error-id.js';
export { PinoSapphireLogger } from './logging/sapphire-logger.js';
export {
  CommandRoles,
  type CommandRolesTable,
  frameworkGuildMigrations,
} from './permissions/command-roles.js';
export {
  PERMISSION_DENIED,
  PermissionTierPrecondition,
  TierAwareUserPermissions,
} from './permissions/tier-precondition.js';
export {
  type CommandPolicy,
  type DenyReason,
  decidePermission,
  type GrantTier,
  type PermissionDecision,
  type PermissionSubject,
} from './permissions/tiers.js';
