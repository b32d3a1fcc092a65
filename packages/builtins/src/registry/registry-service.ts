import type { EnforcementToggles, ExtensionStatus, ZoryxClient } from '@zoryx/framework';
import type { ExtensionManifestInfo } from '@zoryx/loader';
import type { AtomicStore } from '@zoryx/store';
import { AlertChannel } from '../shared/alert-channel.js';
import { type RelationsReport, relationsOf } from './extension-report.js';

/** One extension as the registry commands see it: its status, definition and relations. */
export interface RegistryEntry {
  readonly name: string;
  readonly status: ExtensionStatus | undefined;
  /**
   * The manifest part of its definition (`ExtensionHost#definitionOf`), or `undefined` when the
   * host never read a valid definition (its code did not compile or evaluate).
   */
  readonly manifest: ExtensionManifestInfo | undefined;
  /** `null` when the definition is unknown. */
  readonly relations: RelationsReport | null;
}

/**
 * The state of the registry extension (its public API): the persisted alert channel and the
 * joined view of status + definition + relations per extension, read from the extension host
 * (`definitionOf` / `manifests`), so no extension code is ever evaluated again.
 */
export class RegistryService {
  readonly alerts: AlertChannel;

  constructor(
    private readonly client: ZoryxClient,
    extensionStore: AtomicStore,
  ) {
    this.alerts = new AlertChannel(extensionStore);
  }

  /** The dependency/conflict enforcement in force (the framework's, both on by default). */
  enforcement(): Promise<Required<EnforcementToggles>> {
    return this.client.enforcement();
  }

  /** Switches dependency or conflict enforcement (persisted by the framework). */
  setEnforcement(toggles: EnforcementToggles): Promise<EnforcementToggles> {
    return this.client.setEnforcement(toggles);
  }

  /** Every extension the host knows (loaded, failed, skipped, unloaded), sorted by name. */
  async entries(): Promise<RegistryEntry[]> {
    const host = this.client.extensions;
    const statuses = new Map(host.status().map((s) => [s.name, s]));
    const known = new Map(host.manifests().map((m) => [m.name, m]));
    const loaded = [...statuses.values()]
      .filter((s) => s.state === 'loaded')
      .map((s) => known.get(s.name) ?? { name: s.name, version: s.version ?? '0.0.0' });
    const names = [...new Set([...statuses.keys(), ...known.keys()])].sort();
    return names.map((name) => {
      const manifest = known.get(name);
      return {
        name,
        status: statuses.get(name),
        manifest,
        relations: manifest ? relationsOf(manifest, loaded, [...known.values()]) : null,
      };
    });
  }

  /** The manifests of every extension whose definition the host read. */
  async manifests(): Promise<ExtensionManifestInfo[]> {
    return this.client.extensions.manifests();
  }
}
