import * as sapphire from '@sapphire/framework';
import * as db from '@zoryx/db';
import type { ZoryxClient } from '@zoryx/framework';
import * as framework from '@zoryx/framework';
import * as hooks from '@zoryx/hooks';
import type { EnforcementToggles, ExtensionStatus } from '@zoryx/loader';
import * as loader from '@zoryx/loader';
import type { ExtensionManifest } from '@zoryx/resolver';
import * as resolver from '@zoryx/resolver';
import * as slashLimit from '@zoryx/slash-limit';
import type { AtomicStore } from '@zoryx/store';
import * as store from '@zoryx/store';
import * as discord from 'discord.js';
import { AlertChannel } from '../hooks/alert-channel.js';
import { type CatalogEntry, DefinitionCatalog } from './definition-catalog.js';
import { type RelationsReport, relationsOf } from './extension-report.js';

/** One extension as the registry commands see it: its status, definition and relations. */
export interface RegistryEntry {
  readonly name: string;
  readonly status: ExtensionStatus | undefined;
  readonly catalog: CatalogEntry | undefined;
  /** `null` when the definition could not be read. */
  readonly relations: RelationsReport | null;
}

/**
 * The state of the registry extension (its public API): the persisted alert channel, the
 * definition catalog, and the joined view of status + definition + relations per extension.
 */
export class RegistryService {
  readonly alerts: AlertChannel;
  readonly catalog: DefinitionCatalog;

  constructor(
    private readonly client: ZoryxClient,
    extensionStore: AtomicStore,
  ) {
    this.alerts = new AlertChannel(extensionStore);
    this.catalog = new DefinitionCatalog({
      discovery: () => client.extensions.discoveryOptions,
      // The same instances the host shares with extensions, so evaluating a definition again
      // does not need the bot folder to have these packages installed.
      sharedModules: new Map<string, unknown>([
        ['@sapphire/framework', sapphire],
        ['discord.js', discord],
        ['@zoryx/loader', loader],
        ['@zoryx/framework', framework],
        ['@zoryx/hooks', hooks],
        ['@zoryx/resolver', resolver],
        ['@zoryx/store', store],
        ['@zoryx/db', db],
        ['@zoryx/slash-limit', slashLimit],
      ]),
    });
  }

  /** The persisted enforcement toggles (both default to on). */
  async enforcement(): Promise<Required<EnforcementToggles>> {
    const saved = await this.client.store.readJson<EnforcementToggles>(framework.ENFORCEMENT_PATH);
    return { dependencies: saved?.dependencies ?? true, conflicts: saved?.conflicts ?? true };
  }

  /** Every known extension (discovered or with a status), sorted by name. */
  async entries(): Promise<RegistryEntry[]> {
    const statuses = new Map(this.client.extensions.status().map((s) => [s.name, s]));
    const stamp = (name: string) => {
      const s = statuses.get(name);
      return s?.state === 'loaded' ? `${s.version}:${s.loadTimeMs}` : undefined;
    };
    const catalog = new Map((await this.catalog.entries(stamp)).map((e) => [e.name, e]));
    const loaded: ExtensionManifest[] = [];
    for (const s of statuses.values()) {
      if (s.state !== 'loaded') continue;
      const manifest = catalog.get(s.name)?.manifest;
      loaded.push(manifest ?? { name: s.name, version: s.version ?? '0.0.0' });
    }
    const known = [...catalog.values()].flatMap((e) => (e.manifest ? [e.manifest] : []));
    const names = [...new Set([...statuses.keys(), ...catalog.keys()])].sort();
    return names.map((name) => {
      const entry = catalog.get(name);
      return {
        name,
        status: statuses.get(name),
        catalog: entry,
        relations: entry?.manifest ? relationsOf(entry.manifest, loaded, known) : null,
      };
    });
  }

  /** The manifests of every readable definition. */
  async manifests(): Promise<ExtensionManifest[]> {
    return (await this.catalog.entries()).flatMap((e) => (e.manifest ? [e.manifest] : []));
  }
}
