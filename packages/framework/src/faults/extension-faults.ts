import { outsideExtension, type QuarantineInfo, type QuarantineStore } from '@zoryx/loader';
import type { AtomicStore } from '@zoryx/store';
import type { Logger } from 'pino';
import { createErrorId } from '../logging/error-id.js';
import {
  addFault,
  describeFaultKind,
  emptyLedger,
  FAULTS_PATH,
  type FaultKind,
  type FaultLedger,
  type FaultPolicy,
  quarantinesOf,
} from './fault-ledger.js';

/** What {@link ExtensionFaults} needs from the bot. */
export interface ExtensionFaultsOptions {
  /** The bot's store (rooted at the data folder). */
  readonly store: AtomicStore;
  readonly logger: Logger;
  /** The policy in force (config `extensions.quarantine`); `null` when quarantine is off. */
  readonly policy: () => FaultPolicy | null;
  /** Takes the extension off (the extension host's `quarantine`). */
  readonly quarantine: (name: string, reason: string) => Promise<unknown>;
}

// In the ledger's module: the supervising thread reads it without loading the loader.
export { faultPolicyOf } from './fault-ledger.js';

/** The longest error text kept in a fault's reason. */
const REASON_MAX = 300;

/**
 * The bot's side of fault isolation: every error that escaped an extension (and would have
 * crashed the bot) is logged here with an error id and the extension's name, counted in the
 * fault ledger (`framework/faults.json`), and quarantines the extension once the policy says so.
 * Never throws: it runs inside process-wide error handlers.
 */
export class ExtensionFaults {
  readonly #options: ExtensionFaultsOptions;
  /**
   * Extensions quarantined while this bot runs (or at its boot). Their later faults, e.g. from a
   * raw `setInterval` that outlived the unload, are logged but not written to the ledger again:
   * a callback throwing every few milliseconds must not turn into as many file writes.
   */
  readonly #quarantined = new Set<string>();

  constructor(options: ExtensionFaultsOptions) {
    this.#options = options;
  }

  /**
   * Logs `error` as a fault of `extension` (`ZRX_EXTENSION_FAULT`, with a new error id), records
   * it, and quarantines the extension when it reached the policy's limit. Returns the error id.
   */
  report(extension: string, kind: FaultKind, error: unknown): string {
    const errorId = createErrorId();
    try {
      this.#options.logger.error(
        { err: error, errorId, extension, fault: kind, code: 'ZRX_EXTENSION_FAULT' },
        `${describeFaultKind(kind)} in extension "${extension}" (error id ${errorId}); the bot keeps running`,
      );
    } catch {
      // a logger that throws must not turn a handled fault into a crash
    }
    if (!this.#quarantined.has(extension)) {
      // The bot's bookkeeping, not the extension's work (this runs in its async context).
      const reason = `${oneLine(error)} (error id ${errorId})`;
      void outsideExtension(() => this.#record(extension, kind, reason));
    }
    return errorId;
  }

  async #record(extension: string, kind: FaultKind, reason: string): Promise<void> {
    const policy = this.#options.policy();
    try {
      const tripped: { quarantine: QuarantineInfo | null } = { quarantine: null };
      await this.#options.store.update<FaultLedger>(FAULTS_PATH, (current) => {
        // With quarantine off, faults are still counted (visible in the file), never acted on.
        const { ledger, outcome } = addFault(
          current,
          { extension, kind, reason },
          policy ?? { maxFaults: Number.POSITIVE_INFINITY, windowMs: 0, exempt: [] },
        );
        tripped.quarantine = outcome.newlyQuarantined ? outcome.quarantined : null;
        return ledger;
      });
      if (tripped.quarantine) {
        this.#quarantined.add(extension);
        await this.#options.quarantine(extension, tripped.quarantine.reason);
      }
    } catch (error) {
      // The store is closed once the bot shuts down; a fault then is only logged.
      this.#options.logger.warn(
        { err: error, extension },
        `could not record a fault of extension "${extension}"`,
      );
    }
  }

  /**
   * The loader's quarantine persistence over the ledger: `list` (at each boot; also writes the
   * policy into the ledger for {@link recordFault} in a supervisor), `add`, `remove` (which also
   * forgets the extension's faults, so it starts afresh).
   */
  quarantineStore(): QuarantineStore {
    const { store } = this.#options;
    return {
      list: async () => {
        const policy = this.#options.policy();
        const ledger = await store.update<FaultLedger>(FAULTS_PATH, (current) => {
          const base = current ?? emptyLedger();
          return policy ? { ...base, policy } : base;
        });
        const quarantines = policy ? quarantinesOf(ledger) : {};
        for (const name of Object.keys(quarantines)) this.#quarantined.add(name);
        return quarantines;
      },
      add: async (name, info) => {
        this.#quarantined.add(name);
        await store.update<FaultLedger>(FAULTS_PATH, (current) => {
          const base = current ?? emptyLedger();
          const entry = base.extensions[name];
          return {
            ...base,
            extensions: {
              ...base.extensions,
              [name]: {
                recent: entry?.recent ?? [],
                total: entry?.total ?? 0,
                lastKind: entry?.lastKind ?? 'uncaught-exception',
                lastReason: entry?.lastReason ?? info.reason,
                lastAt: entry?.lastAt ?? info.at,
                quarantined: entry?.quarantined ?? info,
              },
            },
          };
        });
      },
      remove: async (name) => {
        this.#quarantined.delete(name);
        await store.update<FaultLedger>(FAULTS_PATH, (current) => {
          const base = current ?? emptyLedger();
          const { [name]: _removed, ...rest } = base.extensions;
          return { ...base, extensions: rest };
        });
      },
    };
  }
}

/** `Name: message` on one line, cut to a readable length. */
function oneLine(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : typeof error === 'string'
        ? error
        : String(error);
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > REASON_MAX ? `${flat.slice(0, REASON_MAX - 1)}…` : flat;
}
