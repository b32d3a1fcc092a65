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
} from './cooldowns/cooldown-precondition.js';
export {
  type CooldownResult,
  type CooldownRule,
  CooldownTracker,
} from './cooldowns/cooldown-tracker.js';
export { FrameworkError, type FrameworkErrorCode } from './errors.js';
export {
  type CreateLoggerOptions,
  createLogger,
  REDACTED_KEYS,
  type ZoryxLogger,
} from './logging/create-logger.js';
export { createErrorId } from './logging/error-id.js';
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
