export { combinedCharacters } from './character-count.js';
export { type CommandDiff, commandSetHash, diffCommands } from './command-diff.js';
export type { CommandSpec, RouteKey } from './command-spec.js';
export { routeKey, toPayload } from './command-spec.js';
export {
  SlashLimitError,
  type SlashLimitErrorCode,
  slashLimitErrorCatalogue,
  UsageError,
} from './errors.js';
export { CHAT_INPUT_NAME_PATTERN, DiscordLimits } from './limits.js';
export { normalizeCommand } from './normalize-command.js';
export {
  type ParsedInvocation,
  type PrefixParseResult,
  parsePrefixInvocation,
} from './parse-prefix.js';
export type { EntityLookup } from './parse-value.js';
export { planCommands } from './plan-commands.js';
export type {
  CommandPlan,
  ExcludedRoute,
  FoldedGroupedSubcommandRoute,
  FoldedGroupRoute,
  FoldedRoute,
  FoldedSubcommandRoute,
  PlanOptions,
  PlanStatus,
  PrefixOnlyRoute,
  Route,
  TopLevelRoute,
} from './plan-types.js';
export { type ResolvedInvocation, resolveRoute, slashPath } from './resolve-route.js';
export { type UsageTarget, usageLine } from './usage-line.js';
export { validateCommand } from './validate-command.js';
export type { Violation, ViolationRule } from './violation.js';
