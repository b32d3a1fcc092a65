/**
 * `@zoryx/framework/internals`: the pieces the framework's own packages (built-ins, CLI, testing)
 * build on. **Unstable**: names and shapes may change in any release; bot code should import
 * from `@zoryx/framework` only.
 *
 * @packageDocumentation
 */
import './authoring/vocabulary.js';

export { addOptions, readArgs } from './authoring/command-options.js';
export { pieceMeta } from './authoring/define-command.js';
export { bindContext } from './authoring/extension-context.js';
export { defaultAllowedMentions, noticeMentions } from './client/allowed-mentions.js';
export { createBotWithConfig } from './client/create-bot.js';
export { EXTENSION_CONFIG_PATH } from './client/extension-config-overrides.js';
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
export { FRAMEWORK_INTENTS } from './client/zoryx-client.js';
export {
  type CollectedRegistration,
  collectRegistrations,
} from './commands/collect-registrations.js';
export { CommandRouter } from './commands/command-router.js';
export { CommandService, type CommandServiceOptions } from './commands/command-service.js';
export {
  SYNC_STATE_PATH,
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
// The config's schema and parser (zod) are on `@zoryx/framework/config`: the extensions' shared
// copy of this entry must not load zod for a bot whose extensions never use it.
export type { LoadConfigOptions, LoadedConfig } from './config/load-config.js';
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
export { FrameworkTypeError, frameworkErrorCatalogue } from './errors.js';
export { ExtensionFaults, faultPolicyOf } from './faults/extension-faults.js';
export {
  DEFAULT_FAULT_POLICY,
  type ExtensionFault,
  type ExtensionFaultEntry,
  extensionOfActivity,
  FAULTS_PATH,
  type FaultKind,
  type FaultLedger,
  type FaultOutcome,
  type FaultPolicy,
  type RecordFaultOptions,
  recordFault,
} from './faults/fault-ledger.js';
export {
  admitInvocation,
  INTAKE_LIMITED,
  IntakePrecondition,
  isSilentDenial,
} from './intake/intake-precondition.js';
export { sendReply } from './listeners/replies.js';
export { type CreateLoggerOptions, REDACTED_KEYS } from './logging/create-logger.js';
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
export { settingsSync } from './settings/guild-settings.js';
export type { GuildSettingsTable } from './settings/settings-table.js';
export { type CommandStatsTable, frameworkMainMigrations } from './stats/usage-table.js';
