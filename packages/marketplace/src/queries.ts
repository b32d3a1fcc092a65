import { declaredRange, installedVersion, listedPackages, readPins } from './bot-folder.js';
import { frameworkVersion, type MarketplaceOptions, openSession } from './engine-context.js';
import type { PackageInfo, SearchHit } from './registry-client.js';
import { parseSpec } from './registry-client.js';
import { extensionNameOf, type Scorecard, scoreVersion } from './scorecard.js';

/** `zoryx ext search <text>`: extensions on the configured registry matching `text`. */
export async function searchExtensions(
  options: MarketplaceOptions,
  text: string,
): Promise<{ hits: SearchHit[]; stale: boolean }> {
  const session = await openSession(options);
  return session.client.search(text);
}

/** What `zoryx ext info` shows. */
export interface ExtensionInfoReport {
  readonly info: Omit<PackageInfo, 'version'>;
  readonly scorecard: Scorecard;
  readonly installed: string | undefined;
}

/** `zoryx ext info <name>[@range]`: the registry document and the scorecard of the selected version. */
export async function extensionInfo(
  options: MarketplaceOptions,
  spec: string,
): Promise<ExtensionInfoReport> {
  const { name, range } = parseSpec(spec);
  const session = await openSession(options);
  const { info, version } = await session.client.resolveVersion(name, range);
  const scorecard = await scoreVersion(
    session.client,
    version,
    await frameworkVersion(session.folder),
  );
  const { version: _omit, ...rest } = info;
  return { info: rest, scorecard, installed: await installedVersion(session.folder, name) };
}

/** One installed extension package. */
export interface InstalledExtension {
  readonly package: string;
  readonly extension: string;
  readonly range: string | undefined;
  readonly version: string | undefined;
  readonly pinned: string | undefined;
  /** Whether the running bot has it loaded (`undefined`: no bot running). */
  readonly loaded: boolean | undefined;
}

/** `zoryx ext list`: config.json's extension packages with their versions, pins and load state. */
export async function listExtensions(options: MarketplaceOptions): Promise<InstalledExtension[]> {
  const session = await openSession(options);
  const pins = await readPins(session.folder);
  const live = await session.link.loaded();
  const out: InstalledExtension[] = [];
  for (const pkg of await listedPackages(session.folder)) {
    out.push({
      package: pkg,
      extension: extensionNameOf(pkg),
      range: await declaredRange(session.folder, pkg),
      version: await installedVersion(session.folder, pkg),
      pinned: pins[pkg],
      loaded: live ? live.some((m) => m.name === extensionNameOf(pkg)) : undefined,
    });
  }
  return out;
}
