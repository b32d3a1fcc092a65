// @zoryx/marketplace/engine: the registry client and install engine without the `marketplace`
// extension, so tools (`zoryx ext`) load neither @zoryx/framework nor discord.js.
export type { AuditEntry, BotFolder, PackageManagerName } from './bot-folder.js';
export { openBotFolder } from './bot-folder.js';
export type { BotLink, BotPresence, BotRequest, BotResult } from './bot-link.js';
export { fileBotLink } from './bot-link.js';
export type { MarketplaceOptions } from './engine-context.js';
export {
  MarketplaceError,
  type MarketplaceErrorCode,
  marketplaceErrorCatalogue,
} from './errors.js';
export {
  addExtension,
  type InstallPreview,
  type InstallReport,
  previewExtension,
  updateExtension,
} from './install.js';
export { readManifestSandboxed, type SandboxResult } from './manifest-sandbox.js';
export { type RegistryConfig, readRegistryConfig } from './npm-config.js';
export {
  assertPublishable,
  type PublishCheck,
  type PublishProblem,
  publishCheck,
  writeExtensionPackage,
} from './publishing.js';
export {
  type ExtensionInfoReport,
  extensionInfo,
  type InstalledExtension,
  listExtensions,
  searchExtensions,
} from './queries.js';
export {
  EXTENSION_KEYWORD,
  type PackageInfo,
  parseSpec,
  RegistryClient,
  type SearchHit,
  type VersionInfo,
} from './registry-client.js';
export { pinExtension, type RemoveReport, removeExtension, unpinExtension } from './remove.js';
export {
  extensionNameOf,
  formatScorecard,
  type ScoreCheck,
  type Scorecard,
  scoreVersion,
} from './scorecard.js';
