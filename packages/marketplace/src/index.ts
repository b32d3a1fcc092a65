// @zoryx/marketplace: the registry client and install engine (also at `@zoryx/marketplace/engine`,
// without the framework), and, as the default export, the `marketplace` extension a bot lists in
// config.json to take part.
import { marketplaceExtension } from './marketplace-extension.js';

export * from './engine.js';
export { hostBotLink } from './host-link.js';
export { marketplaceExtension };
export default marketplaceExtension;
