// The public face of @zoryx/builtins for bot and extension authors: the list of built-in
// extension packages, the command catalogue `help` is built on, and the view and reply helpers
// the built-ins use. Command authoring itself (defineCommand, options, access) is
// `@zoryx/framework`'s; each built-in's own API is exported by its entry point
// (`@zoryx/builtins/core`, …).
export { builtinExtensionPackages } from './builtin-packages.js';
export {
  type CatalogEntry,
  type CommandReach,
  commandCatalog,
} from './core/command-catalog.js';
export {
  BuiltinsError,
  type BuiltinsErrorCode,
  builtinsErrorCatalogue,
} from './errors.js';
export { AlertChannel } from './shared/alert-channel.js';
export {
  type AlertChannelCommandOptions,
  alertChannelCommand,
} from './shared/alert-channel-command.js';
export { type CommandTableSource, commandTableMarkdown } from './shared/command-table.js';
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
} from './shared/embeds.js';
export { formatDuration, formatMegabytes, formatMs, formatPercent } from './shared/format.js';
export {
  type ComponentHandler,
  DEFAULT_VIEW_TIMEOUT_MS,
  disabledRows,
  extensionViewOptions,
  runView,
  type ViewFrame,
  type ViewHandle,
  type ViewOptions,
  type ViewRow,
} from './shared/interactive-view.js';
export {
  clampPage,
  PAGE_NEXT_ID,
  PAGE_PREV_ID,
  type PaginatedViewOptions,
  pageButtons,
  paginate,
  sendPaginatedView,
  turnPage,
} from './shared/pagination.js';
export {
  type ErrorLogger,
  isMessage,
  type ReplyErrorOptions,
  type RespondOptions,
  replyError,
  respond,
} from './shared/replies.js';
export {
  SELECT_ID,
  type SelectChoice,
  type SelectViewOptions,
  selectRow,
  sendSelectView,
} from './shared/select-view.js';
export { formatUptime, uptimeMs } from './shared/uptime.js';
