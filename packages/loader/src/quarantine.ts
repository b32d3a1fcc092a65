import type { ExtensionSource } from './discovery.js';
import { LoaderError } from './errors.js';
import { type HostCore, quarantinedError } from './host-core.js';
import type { ExtensionStatus, QuarantineInfo } from './status.js';

/**
 * Quarantine: an extension that keeps faulting is taken off and kept off (across restarts, when
 * the host has a `quarantine` store) until an owner lifts it. The fault counting that decides it
 * is the host's (the framework's fault ledger); the loader only carries the state out.
 */

/**
 * Reads the persisted quarantines into the host's map (at every boot). A store that cannot be
 * read is logged and the quarantines already known stay in force.
 */
export async function refreshQuarantines(core: HostCore): Promise<void> {
  const store = core.options.quarantine;
  if (!store) return;
  try {
    for (const [name, info] of Object.entries(await store.list())) {
      core.quarantined.set(name, info);
    }
  } catch (error) {
    core.logger.error({ err: error }, 'could not read the quarantined extensions; booting without');
  }
}

/** Marks a record quarantined (not loaded, with the reason as its error). */
export function markQuarantined(
  core: HostCore,
  name: string,
  info: QuarantineInfo,
  source?: ExtensionSource,
): void {
  const record = core.records.ensure(name, source);
  record.quarantine = info;
  record.waitingFor = null;
  core.records.markNotLoaded(record, 'quarantined', quarantinedError(name, info));
}

/**
 * Quarantines `name`: persists it, unloads it if it runs (its loaded dependents first; they are
 * marked skipped, waiting for it, so lifting the quarantine brings them back), marks it
 * quarantined and emits `extension_quarantined`. Resolves with the names unloaded; a name already
 * quarantined changes nothing and resolves with `[]`.
 */
export async function runQuarantine(
  core: HostCore,
  name: string,
  reason: string,
): Promise<string[]> {
  if (core.quarantined.has(name)) return [];
  const info: QuarantineInfo = { reason, at: Date.now() };
  core.quarantined.set(name, info);
  try {
    await core.options.quarantine?.add(name, info);
  } catch (error) {
    core.logger.error(
      { err: error, extension: name },
      `could not persist the quarantine of "${name}"; it holds until the process ends`,
    );
  }
  const unloaded = core.isLoaded(name) ? await core.unload(name, 'quarantine') : [];
  for (const dependent of unloaded) {
    if (dependent === name) continue;
    const record = core.records.ensure(dependent);
    core.records.markNotLoaded(
      record,
      'skipped',
      new LoaderError(
        'ZRX_EXT_DEPENDENCY_FAILED',
        `Extension "${dependent}" was unloaded because its dependency "${name}" was quarantined: ${reason}`,
        `It loads again once "${name}" is unquarantined.`,
        { extension: dependent },
      ),
    );
    record.waitingFor = name;
  }
  markQuarantined(core, name, info);
  core.logger.warn(
    { extension: name, code: 'ZRX_EXT_QUARANTINED', unloaded },
    `extension "${name}" quarantined: ${reason}`,
  );
  core.emit('extension_quarantined', { name, reason, unloaded });
  return unloaded;
}

/**
 * Lifts the quarantine of `name` and loads it (and the extensions waiting for it). Rejects with
 * `ZRX_EXT_NOT_QUARANTINED` for a name that is not quarantined, or like `load()` when it does not
 * load (the quarantine stays lifted: the error is in its status).
 */
export async function runUnquarantine(core: HostCore, name: string): Promise<ExtensionStatus> {
  const record = core.records.get(name);
  if (!core.quarantined.has(name) && record?.state !== 'quarantined') {
    throw new LoaderError(
      'ZRX_EXT_NOT_QUARANTINED',
      `Extension "${name}" is not quarantined.`,
      'Check status(): only extensions in state "quarantined" can be unquarantined.',
      { extension: name },
    );
  }
  core.quarantined.delete(name);
  await core.options.quarantine?.remove(name);
  if (record) {
    record.quarantine = null;
    record.state = 'unloaded';
    record.lastError = null;
  }
  core.logger.info({ extension: name }, `quarantine of "${name}" lifted`);
  return core.load(name);
}
