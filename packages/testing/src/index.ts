// The public face of @zoryx/testing: createTestBot and the types of what it returns.
export { BUILTIN_NAMES, type BuiltinName } from './builtins.js';
export {
  type CreateTestBotOptions,
  createTestBot,
  type MemberOptions,
  type TestBot,
} from './create-test-bot.js';
export { TestingError, type TestingErrorCode } from './errors.js';
export type { TestWorld } from './world.js';
