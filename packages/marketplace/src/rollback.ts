import { restore, type Snapshot, snapshot, unchangedSince } from './bot-folder.js';
import type { Session } from './engine-context.js';
import { resyncInstall } from './package-manager.js';

/**
 * Runs `work`, the part of an operation that writes to the bot folder, after a snapshot of
 * config.json, package.json and the lockfile. If it throws, the failure is logged as step
 * `failed`, `undo` puts the folder back from the snapshot, and the error is thrown on.
 */
export async function withRollBack<T>(
  session: Session,
  operation: string,
  pkg: string,
  work: () => Promise<T>,
  undo: (taken: Snapshot) => Promise<void>,
): Promise<T> {
  const taken = await snapshot(session.folder);
  try {
    return await work();
  } catch (error) {
    await session.step(
      operation,
      pkg,
      'failed',
      false,
      error instanceof Error ? error.message : String(error),
    );
    await undo(taken);
    throw error;
  }
}

/**
 * Puts the bot folder back as it was: the snapshotted files byte for byte, node_modules brought
 * in line with them (scripts off), and the bytes restored once more in case the package manager
 * touched them.
 */
export async function putBack(session: Session, taken: Snapshot): Promise<void> {
  await restore(taken);
  await resyncInstall(session.folder, session.env);
  await restore(taken);
}

/**
 * {@link putBack}, then logs step `rolled back`, ok only when every file is byte-identical to
 * the snapshot (a difference is never expected; it is reported, not hidden).
 */
export async function putBackChecked(
  session: Session,
  operation: string,
  pkg: string,
  taken: Snapshot,
): Promise<void> {
  await putBack(session, taken);
  const identical = await unchangedSince(taken);
  await session.step(
    operation,
    pkg,
    'rolled back',
    identical,
    identical ? 'config.json, package.json and the lockfile are byte-identical' : 'files differ',
  );
}
