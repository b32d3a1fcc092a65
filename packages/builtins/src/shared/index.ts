export { type AccessLevel, isBotOwner, isGuildOwnerOrBotOwner } from './access.js';
export {
  type BuiltinCommandDefinition,
  type BuiltinCommandEntry,
  type BuiltinCommandMeta,
  commandMeta,
  defineCommand,
  pieceMeta,
  usageOf,
} from './command.js';
export {
  type ArgsOf,
  addOptions,
  type OptionKind,
  type OptionSpec,
  type OptionsSpec,
  type RoleArg,
  readArgs,
} from './command-options.js';
export { type CommandTableSource, commandTableMarkdown } from './command-table.js';
export {
  clip,
  EmbedColor,
  type EmbedField,
  errorEmbed,
  infoEmbed,
  type ReplyKind,
  styledEmbed,
  successEmbed,
  warningEmbed,
} from './embeds.js';
export { formatDuration, formatMegabytes, formatMs, formatPercent } from './format.js';
export {
  clampPage,
  PAGE_NEXT_ID,
  PAGE_PREV_ID,
  type PaginatedViewOptions,
  pageButtons,
  paginate,
  sendPaginatedView,
  turnPage,
} from './pagination.js';
export {
  type CommandInteraction,
  isMessage,
  type RespondOptions,
  replyError,
  respond,
} from './replies.js';
export {
  SELECT_ID,
  type SelectChoice,
  type SelectViewOptions,
  selectRow,
  sendSelectView,
} from './select-view.js';
export {
  type ComponentHandler,
  DEFAULT_VIEW_TIMEOUT_MS,
  disabledRows,
  runView,
  type ViewFrame,
  type ViewHandle,
  type ViewOptions,
  type ViewRow,
} from './view.js';
