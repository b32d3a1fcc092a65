import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { throwIfAborted } from './copy-template';

type JournalEntry =
  | { readonly kind: 'created'; readonly path: string }
  | { readonly kind: 'backed-up'; readonly path: string; readonly backup: string };

async function exists(path: string): Promise<'dir' | 'other' | false> {
  try {
    return (await lstat(path)).isDirectory() ? 'dir' : 'other';
  } catch {
    return false;
  }
}

/**
 * Moves a fully written staging folder into place. A target that does not exist is created by
 * one `rename`. An existing (empty, or `--force`d) target receives the staged entries one by
 * one; entries it already has at the same path are moved to `backupDir` first, and every move
 * is journaled, so a failure (or Ctrl-C through `signal`) puts the target back exactly as it
 * was. On success the replaced entries are deleted.
 */
export async function placeProject(
  stageDir: string,
  targetDir: string,
  backupDir: string,
  signal?: AbortSignal,
): Promise<void> {
  if ((await exists(targetDir)) === false) {
    throwIfAborted(signal);
    await rename(stageDir, targetDir);
    return;
  }
  const journal: JournalEntry[] = [];
  let backups = 0;
  const merge = async (from: string, to: string): Promise<void> => {
    for (const entry of await readdir(from)) {
      throwIfAborted(signal);
      const source = join(from, entry);
      const target = join(to, entry);
      const present = await exists(target);
      const isDir = (await lstat(source)).isDirectory();
      if (isDir && present === 'dir') {
        await merge(source, target);
        continue;
      }
      if (present !== false) {
        const backup = join(backupDir, String(backups++));
        await mkdir(backupDir, { recursive: true });
        await rename(target, backup);
        journal.push({ kind: 'backed-up', path: target, backup });
      }
      await rename(source, target);
      journal.push({ kind: 'created', path: target });
    }
  };
  try {
    await merge(stageDir, targetDir);
  } catch (error) {
    for (const step of journal.reverse()) {
      // A failing undo step propagates with backupDir kept, so the user's files are never lost.
      if (step.kind === 'created') await rm(step.path, { recursive: true, force: true });
      else await rename(step.backup, step.path);
    }
    await rm(backupDir, { recursive: true, force: true });
    await rm(stageDir, { recursive: true, force: true });
    throw error;
  }
  await rm(backupDir, { recursive: true, force: true });
  await rm(stageDir, { recursive: true, force: true });
}
