import type { QuarantineInfo } from '@zoryx/loader';
import { AtomicStore } from '@zoryx/store';
import type { ZoryxConfig } from '../config/schema.js';

/** Store path (under the data folder) of the fault ledger: recent faults and quarantines. */
export const FAULTS_PATH = 'framework/faults.json';

/**
 * What counts as a fault: an error that would have crashed the bot without fault isolation, or a
 * supervisor's report that the worker had to be killed while the extension ran.
 */
export type FaultKind =
  | 'uncaught-exception'
  | 'unhandled-rejection'
  | 'listener-error'
  | 'watchdog-stall'
  | 'worker-crash';

/** When repeated faults quarantine an extension (config `extensions.quarantine`). */
export interface FaultPolicy {
  /** Faults within the window that quarantine the extension. */
  readonly maxFaults: number;
  /** The window, in ms. */
  readonly windowMs: number;
  /** Extensions never quarantined (their faults are still logged and counted). */
  readonly exempt: readonly string[];
}

/** 3 faults within 10 minutes; `core` (which carries `/extensions unquarantine`) is exempt. */
export const DEFAULT_FAULT_POLICY: FaultPolicy = {
  maxFaults: 3,
  windowMs: 10 * 60_000,
  exempt: ['core'],
};

/** One fault, as {@link recordFault} takes it. */
export interface ExtensionFault {
  /** The extension at fault (its normalised name). */
  readonly extension: string;
  /** One line: what happened (an error message, "blocked the event loop for 5 s"…). */
  readonly reason: string;
  /** Default `watchdog-stall` (what a supervisor reports). */
  readonly kind?: FaultKind;
  /** When, as `Date.now()`. Default now. */
  readonly at?: number;
}

/** One extension's entry in the ledger. */
export interface ExtensionFaultEntry {
  /** Times (`Date.now()`) of the faults within the policy's window, oldest first. */
  readonly recent: readonly number[];
  /** Faults ever recorded (until an unquarantine resets the entry). */
  readonly total: number;
  readonly lastKind: FaultKind;
  readonly lastReason: string;
  readonly lastAt: number;
  /** Set while quarantined. */
  readonly quarantined: QuarantineInfo | null;
}

/** The ledger file (`framework/faults.json`). */
export interface FaultLedger {
  readonly version: 1;
  /**
   * The running bot's policy, written at each boot: {@link recordFault} from another process (a
   * supervisor) applies the same one without reading `config.json`.
   */
  readonly policy?: FaultPolicy;
  readonly extensions: Readonly<Record<string, ExtensionFaultEntry>>;
}

/** What recording a fault resulted in. */
export interface FaultOutcome {
  readonly extension: string;
  /** Faults within the window, this one included. */
  readonly recent: number;
  /** The quarantine in force after this fault (new or older), or `null`. */
  readonly quarantined: QuarantineInfo | null;
  /** True when this very fault quarantined the extension. */
  readonly newlyQuarantined: boolean;
}

/** An empty ledger. */
export function emptyLedger(): FaultLedger {
  return { version: 1, extensions: {} };
}

const KIND_TEXT: Record<FaultKind, string> = {
  'uncaught-exception': 'uncaught exception',
  'unhandled-rejection': 'unhandled rejection',
  'listener-error': 'error in a client listener',
  'watchdog-stall': 'blocked the event loop (watchdog)',
  'worker-crash': 'crashed the worker',
};

/** A fault kind in words (`uncaught exception`). */
export function describeFaultKind(kind: FaultKind): string {
  return KIND_TEXT[kind];
}

/**
 * Adds a fault to a ledger (pure: returns a new ledger). Faults older than the window are
 * dropped; reaching `maxFaults` within it quarantines the extension unless it is exempt.
 */
export function addFault(
  ledger: FaultLedger | undefined,
  fault: ExtensionFault,
  policy: FaultPolicy,
): { ledger: FaultLedger; outcome: FaultOutcome } {
  const base = ledger ?? emptyLedger();
  const at = fault.at ?? Date.now();
  const kind = fault.kind ?? 'watchdog-stall';
  const previous = base.extensions[fault.extension];
  const recent = [...(previous?.recent ?? []), at]
    .filter((t) => t > at - policy.windowMs)
    .sort((a, b) => a - b)
    .slice(-Math.max(policy.maxFaults, 1));
  let quarantined = previous?.quarantined ?? null;
  const trips =
    quarantined === null &&
    recent.length >= policy.maxFaults &&
    !policy.exempt.includes(fault.extension);
  if (trips) {
    const minutes = Math.round(policy.windowMs / 60_000);
    quarantined = {
      reason: `${recent.length} faults within ${minutes} min; last: ${describeFaultKind(kind)}: ${fault.reason}`,
      at,
    };
  }
  const entry: ExtensionFaultEntry = {
    recent,
    total: (previous?.total ?? 0) + 1,
    lastKind: kind,
    lastReason: fault.reason,
    lastAt: at,
    quarantined,
  };
  return {
    ledger: { ...base, extensions: { ...base.extensions, [fault.extension]: entry } },
    outcome: {
      extension: fault.extension,
      recent: recent.length,
      quarantined,
      newlyQuarantined: trips,
    },
  };
}

/** The quarantined extensions of a ledger, by name. */
export function quarantinesOf(ledger: FaultLedger | undefined): Record<string, QuarantineInfo> {
  const out: Record<string, QuarantineInfo> = {};
  for (const [name, entry] of Object.entries(ledger?.extensions ?? {})) {
    if (entry.quarantined) out[name] = entry.quarantined;
  }
  return out;
}

/** Options of {@link recordFault}. */
export interface RecordFaultOptions {
  /** Overrides the policy the bot wrote into the ledger (default: that one, else the defaults). */
  readonly policy?: Partial<FaultPolicy>;
}

/**
 * Records a fault of an extension in a bot's data folder, without a running bot: for a
 * supervisor whose watchdog killed the worker while the activity slot named an extension (the
 * framework's `activity` sink writes the extension's name there). Applies the policy the bot
 * wrote at its last boot (config `extensions.quarantine`), so reaching `maxFaults` within the
 * window quarantines the extension: the restarted bot skips it until an owner unquarantines it.
 * Call it while the bot's worker is not running (after the kill, before the restart): the bot
 * caches the file while it runs.
 *
 * @example
 * ```ts
 * supervisor.on('worker_stalled', async ({ activity, blockedMs }) => {
 *   const extension = extensionOfActivity(activity);
 *   if (extension) await recordFault('bot/data', { extension, kind: 'watchdog-stall', reason: `blocked the event loop for ${blockedMs} ms` });
 * });
 * ```
 */
export async function recordFault(
  dataDir: string,
  fault: ExtensionFault,
  options: RecordFaultOptions = {},
): Promise<FaultOutcome> {
  const store = new AtomicStore({ root: dataDir });
  let outcome: FaultOutcome | undefined;
  try {
    const ledger = await store.update<FaultLedger>(FAULTS_PATH, (current) => {
      const policy = { ...DEFAULT_FAULT_POLICY, ...current?.policy, ...options.policy };
      const added = addFault(current, fault, policy);
      outcome = added.outcome;
      return added.ledger;
    });
    const entry = ledger.extensions[fault.extension];
    return (
      outcome ?? {
        extension: fault.extension,
        recent: entry?.recent.length ?? 0,
        quarantined: entry?.quarantined ?? null,
        newlyQuarantined: false,
      }
    );
  } finally {
    await store.close();
  }
}

/**
 * The extension an activity names: the framework's sink writes the bare extension name; names in
 * the `extension:<name>/…` form (e.g. set by hand with the supervisor's `setActivity`) work too.
 * `null` for no activity.
 */
export function extensionOfActivity(activity: string | null | undefined): string | null {
  if (!activity) return null;
  const match = /^extension:([^/]+)/.exec(activity);
  return match?.[1] ?? activity;
}

/** The fault policy of a configuration (`extensions.quarantine`), or `null` when it is off. */
export function faultPolicyOf(config: ZoryxConfig): FaultPolicy | null {
  const q = config.extensions.quarantine;
  return q.enabled
    ? { maxFaults: q.maxFaults, windowMs: q.windowMinutes * 60_000, exempt: q.exempt }
    : null;
}
