import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { StoreFileSystem } from './file-system.js';

/** `.<base>.zx<pid>_<instance>_<random>_<counter>.tmp` — never ends in `.json`. */
const TEMP_NAME = /^\..*\.zx([0-9a-z]+)_([0-9a-z]+)_[0-9a-f]{8}_[0-9a-z]+\.tmp$/;

/** Instances alive in this process: their temp files are never "stray". */
const liveInstances = new Set<string>();
let instanceCounter = 0;

/**
 * Unique temp-file names for one store instance. The name carries the process id and the
 * instance id so start-up cleanup can tell a crashed writer's leftovers from the temp files of
 * a store that is still running (another instance in this process, or another process).
 */
export class TempNamer {
  readonly instance: string;
  readonly #prefix: string;
  #counter = 0;

  constructor() {
    this.instance = (instanceCounter++).toString(36);
    this.#prefix = `zx${process.pid.toString(36)}_${this.instance}_${randomBytes(4).toString('hex')}_`;
    liveInstances.add(this.instance);
  }

  /** A fresh temp path in `dir` for a file called `base`. */
  next(dir: string, base: string): string {
    // Keep well under the usual 255-byte name limit whatever the target's name.
    const short = base.length > 120 ? base.slice(0, 120) : base;
    return path.join(dir, `.${short}.${this.#prefix}${(this.#counter++).toString(36)}.tmp`);
  }

  /** Marks the instance closed: its leftovers become stray. */
  release(): void {
    liveInstances.delete(this.instance);
  }
}

/** Whether a process with this id is running (EPERM means it runs as another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `name` is a temp file left behind by a writer that no longer runs. */
export function isStrayTemp(name: string): boolean {
  const match = TEMP_NAME.exec(name);
  if (match === null) return false;
  const pid = Number.parseInt(match[1] ?? '', 36);
  if (pid === process.pid) return !liveInstances.has(match[2] ?? '');
  return !processAlive(pid);
}

/**
 * Removes stray temp files under `root` (recursively, not following symlinks). A crash between
 * creating a temp file and renaming it leaves one behind; the target itself is never touched.
 * Returns how many were removed.
 */
export async function removeStrayTemps(fs: StoreFileSystem, root: string): Promise<number> {
  let removed = 0;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: Awaited<ReturnType<StoreFileSystem['readdir']>>;
    try {
      entries = await fs.readdir(dir);
    } catch {
      continue; // vanished or unreadable: nothing of ours to clean there
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && isStrayTemp(entry.name)) {
        try {
          await fs.unlink(full);
          removed++;
        } catch {
          // Already gone (another instance cleaned it): fine.
        }
      }
    }
  }
  return removed;
}
