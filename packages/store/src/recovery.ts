import { describeCause, StoreError } from './errors.js';
import { BACKUP_SUFFIX, type FileIO } from './file-io.js';
import type { StoreCorruptEvent } from './types.js';

/** The parse error of `text`, or `undefined` when it is valid JSON. */
export function jsonProblem(text: string): unknown {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error ?? new Error('invalid JSON');
  }
}

/** What {@link recoverCorruptFile} needs from the store. */
export interface RecoveryOptions {
  readonly io: FileIO;
  readonly backups: boolean;
  readonly now: () => number;
  readonly onCorrupt: ((event: StoreCorruptEvent) => void) | undefined;
}

/** The outcome of {@link recoverCorruptFile}. */
export interface Recovery {
  /** The restored content, or `undefined` when there was no usable copy (the file is gone). */
  readonly text: string | undefined;
  /** `ZRX_STORE_RECOVERED` or `ZRX_STORE_CORRUPT`, as reported. */
  readonly error: StoreError;
}

/**
 * Deals with a file found corrupt (under its lock). Nothing is deleted: the corrupt bytes are
 * kept as `<file>.corrupt-<timestamp>`.
 *
 * - With a valid last-good copy `<file>.bak`: the corrupt file gets its second name by a hard
 *   link, then is replaced atomically by the copy's content — the file is never missing, so a
 *   crash or a failed write here leaves the corrupt file to be recovered on the next read, not
 *   an empty slot that a restart would read as "never written". Reported `ZRX_STORE_RECOVERED`.
 * - Without one (no backups, none written yet, or the copy is corrupt too — then it is moved
 *   aside as well): the file is moved aside and counts as missing. Reported `ZRX_STORE_CORRUPT`.
 *
 * Reported through `onCorrupt` (exceptions ignored), or, for a restored file when there is no
 * `onCorrupt`, as a process warning (an unrestored one rejects the read, which is loud enough).
 */
export async function recoverCorruptFile(
  key: string,
  problem: unknown,
  options: RecoveryOptions,
): Promise<Recovery> {
  const { io } = options;
  const copyKey = `${key}${BACKUP_SUFFIX}`;
  let copy: string | undefined;
  let copyAside: string | undefined;
  if (options.backups) {
    copy = await io.read(copyKey).catch(() => undefined);
    if (copy !== undefined && jsonProblem(copy) !== undefined) {
      copyAside = await io.quarantine(copyKey, options.now());
      copy = undefined;
    }
  }
  const movedTo = await io.quarantine(key, options.now(), copy !== undefined);
  const why = describeCause(problem);
  let result: Recovery;
  if (copy !== undefined) {
    await io.write(key, copy);
    result = {
      text: copy,
      error: new StoreError(
        'ZRX_STORE_RECOVERED',
        `Store file "${key}" (${io.absolute(key)}) was not valid JSON (${why}); it was restored from its last good copy "${copyKey}", and the damaged bytes were kept as "${movedTo}".`,
        `Nothing acknowledged was lost. Inspect "${movedTo}" to find out what damaged the file (another program writing it, a disk fault), then delete it.`,
        { file: key, cause: problem },
      ),
    };
  } else {
    const also =
      copyAside === undefined
        ? ''
        : ` Its last good copy was corrupt too and was moved to "${copyAside}".`;
    result = {
      text: undefined,
      error: new StoreError(
        'ZRX_STORE_CORRUPT',
        `Store file "${key}" (${io.absolute(key)}) is not valid JSON (${why}); its bytes were moved to "${movedTo}".${also}`,
        `Inspect "${movedTo}" and restore what you need with writeJson("${key}", …); the store now treats "${key}" as missing.`,
        { file: key, cause: problem },
      ),
    };
  }
  report(options.onCorrupt, {
    file: key,
    path: io.absolute(key),
    movedTo,
    restoredFrom: copy === undefined ? undefined : copyKey,
    error: result.error,
  });
  return result;
}

function report(
  onCorrupt: ((event: StoreCorruptEvent) => void) | undefined,
  event: StoreCorruptEvent,
): void {
  if (onCorrupt === undefined) {
    if (event.restoredFrom !== undefined) {
      process.emitWarning(event.error.message, {
        code: event.error.code,
        detail: event.error.hint,
      });
    }
    return;
  }
  try {
    onCorrupt(event);
  } catch {
    // A failing alert must not turn a recovered read into a failed one.
  }
}
