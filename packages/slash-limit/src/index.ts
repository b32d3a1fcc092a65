export type { CommandSpec, RouteKey } from './command-spec.js';
export { routeKey, toPayload } from './command-spec.js';
export { combinedCharacters } from './character-count.js';
export { SlashLimitError, type SlashLimitErrorCode, UsageError } from './errors.js';
export { CHAT_INPUT_NAME_PATTERN, DiscordLimits } from './limits.js';
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
export { validateCommand } from './validate-command.js';
export type { Violation, ViolationRule } from './violation.js';
