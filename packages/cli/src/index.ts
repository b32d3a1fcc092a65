export {
  type CliArgs,
  type DevArgs,
  type NewExtensionArgs,
  parseCliArgs,
  type StartArgs,
  USAGE,
} from './args.js';
export { BOOT_BUNDLE_ENV } from './boot-bundle/boot-bundle-folder.js';
export {
  type BootBundleInput,
  type BootBundleManifest,
  type BootBundleState,
  bootBundleState,
} from './boot-bundle/boot-bundle-manifest.js';
export {
  type BuildBootBundleOptions,
  buildBootBundle,
  SHARED_MODULES,
} from './boot-bundle/build-boot-bundle.js';
export {
  DEFAULT_ENTRIES,
  exited,
  findEntry,
  readDotEnv,
  type SpawnBotOptions,
  spawnBot,
  stopBot,
} from './bot-process.js';
export { CHAT_HELP, type ChatOptions, runChat } from './chat.js';
export { COMPILE_CACHE_ENV, type CompileCacheStatus, startCompileCache } from './compile-cache.js';
export { createDevWorld, type DevWorld, type DevWorldOptions } from './dev-world.js';
export { CliError, type CliErrorCode, cliErrorCatalogue } from './errors.js';
export { extensionSkeleton, pascalCase } from './extension-skeleton.js';
export {
  type DevIo,
  type MainIo,
  main,
  type RunBotOptions,
  type RunningBot,
  runBot,
  runDev,
} from './lazy-commands.js';
export {
  type NewExtensionOptions,
  type NewExtensionResult,
  newExtension,
} from './new-extension.js';
export {
  type ButtonAction,
  type ComponentAction,
  type RenderableMessage,
  type RenderedMessage,
  renderMessage,
  type SelectAction,
} from './render-message.js';
export {
  type MentionResolver,
  parseSlashLine,
  type SlashInvocation,
  tokenize,
} from './slash-line.js';
export { operatorLogger } from './supervised/operator-logger.js';
