export { EmulatorError, type EmulatorErrorCode, emulatorErrorCatalogue } from './errors.js';
export { BotMessage, type ComponentActor, type SelectValue } from './harness/bot-message.js';
export type { AttachmentValue, OptionValue, OptionValues } from './harness/command-options.js';
export {
  Emulator,
  type GatewayControls,
  type GuildOptions,
  type RateLimitControls,
  startEmulator,
  type UserOptions,
  type WaitForOptions,
} from './harness/emulator.js';
export type {
  EmulatorClientOptions,
  EmulatorOptions,
  ResumeBufferOptions,
} from './harness/emulator-options.js';
export {
  ChannelHandle,
  type ChannelOptions,
  GuildHandle,
  type OverwriteInput,
  RoleHandle,
  type RoleOptions,
} from './harness/guild-handle.js';
export { type ModalActor, ModalHandle, type ModalValues } from './harness/modal.js';
export type { Ref } from './harness/refs.js';
export { UserAction, type WaitOptions } from './harness/user-action.js';
export {
  type InteractionContext,
  UserHandle,
  type UserMessageInput,
} from './harness/user-handle.js';
export type { BucketLimit, RateLimitOptions, RateLimitStats } from './rest/rate-limits.js';
export type { RequestRecord } from './rest/request-log.js';
export type { PermissionName } from './state/permissions.js';
export type { BotOutputKind } from './world/outputs.js';
