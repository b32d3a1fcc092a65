// The public face of @zoryx/testing: createTestBot and the types of what it returns.

// The emulator's handles, so a bot's tests need no dependency of their own on @zoryx/emulator.
export type {
  BotMessage,
  ChannelHandle,
  Emulator,
  EmulatorOptions,
  GuildHandle,
  RoleHandle,
  UserHandle,
} from '@zoryx/emulator';
export { BUILTIN_NAMES, type BuiltinName } from './builtins.js';
export {
  type CreateTestBotOptions,
  createTestBot,
  type MemberOptions,
  type TestBot,
} from './create-test-bot.js';
export { TestingError, type TestingErrorCode, testingErrorCatalogue } from './errors.js';
export type { TestWorld } from './world.js';
