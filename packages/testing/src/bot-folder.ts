import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { TestingError } from './errors.js';

/** Top-level entries of a bot folder that are never copied: installs, state and build output. */
const NOT_COPIED = new Set(['node_modules', 'data', 'logs', 'dist']);

/** The folder a test bot runs in, and its data folder. */
export interface BotFolder {
  /** The bot's folder (`cwd` of `createBot`): the user's own, or a temp folder. */
  readonly root: string;
  /** Whether `root` is the user's folder, used in place (never written to). */
  readonly inPlace: boolean;
  /** Where the bot's data goes (`config.data.dir`); always a temp folder. */
  readonly dataDir: string;
  /** Temp folders to delete on close. */
  readonly temporary: readonly string[];
}

/** Options of {@link prepareBotFolder}. */
export interface BotFolderOptions {
  /** The user's bot folder, if any (absolute). */
  readonly dir: string | undefined;
  /** Files to write, by path relative to the folder. */
  readonly files: Readonly<Record<string, string>>;
  /** Force a temp copy of `dir` even without files (e.g. to link a package into it). */
  readonly copy: boolean;
  /**
   * `node_modules` folders to expose in a temp folder, nearest first (their packages are linked
   * one by one; a name is taken from the first folder that has it, as Node's lookup would).
   */
  readonly nodeModules: readonly string[];
  /** Extra packages to link into a temp folder's `node_modules`: name → package folder. */
  readonly links: Readonly<Record<string, string>>;
}

/**
 * Sets up the folder a test bot runs in. Without `dir`: a fresh temp folder. With `dir` and
 * nothing to write: the folder itself, in place (only read; data goes to a temp folder). With
 * `dir` and files (or `copy`): a temp copy of it without `node_modules`, `data`, `logs` and
 * `dist`, so a test never writes into the user's folder. A temp folder gets a `node_modules`
 * whose entries link to `nodeModules`'s, plus `links`, so extension code resolves packages as
 * the original folder (or the test's package) does.
 */
export async function prepareBotFolder(options: BotFolderOptions): Promise<BotFolder> {
  const inPlace =
    options.dir !== undefined && !options.copy && Object.keys(options.files).length === 0;
  if (inPlace && options.dir !== undefined) {
    const dataDir = await mkdtemp(join(tmpdir(), 'zoryx-test-data-'));
    return { root: options.dir, inPlace, dataDir, temporary: [dataDir] };
  }
  const root = await mkdtemp(join(tmpdir(), 'zoryx-test-'));
  try {
    if (options.dir !== undefined) {
      const source = options.dir;
      await cp(source, root, {
        recursive: true,
        filter: (path) => !(dirname(path) === source && NOT_COPIED.has(basename(path))),
      });
    }
    await linkNodeModules(join(root, 'node_modules'), options.nodeModules, options.links);
    for (const [path, content] of Object.entries(options.files)) {
      await writeBotFile(root, path, content);
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return { root, inPlace: false, dataDir: join(root, 'data'), temporary: [root] };
}

/**
 * Writes `content` to `path` under `root`, creating folders. Throws `ZRX_TESTING_FILE_PATH` for
 * an absolute path or one that leaves `root`.
 */
export async function writeBotFile(root: string, path: string, content: string): Promise<void> {
  const full = resolve(root, path);
  const inside = relative(root, full);
  if (isAbsolute(path) || inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new TestingError(
      'ZRX_TESTING_FILE_PATH',
      `files: "${path}" is not a path inside the bot folder.`,
      `Use a relative path such as "extensions/greeter/index.ts".`,
    );
  }
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, content);
}

/** Throws `ZRX_TESTING_DIR` unless `dir` is an existing folder. */
export async function assertFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new TestingError(
      'ZRX_TESTING_DIR',
      `dir: ${dir} is not an existing folder.`,
      'Pass the folder of a bot (the one with config.json and extensions/), e.g. resolve(import.meta.dirname, "..").',
    );
  }
}

/**
 * Creates `target` as a real folder of links: one per package of `sources` (scoped packages one
 * by one under their scope folder; the nearest source wins a name), then `links` for packages
 * none of them has. Linking entries rather than a folder keeps the sources untouched.
 */
async function linkNodeModules(
  target: string,
  sources: readonly string[],
  links: Readonly<Record<string, string>>,
): Promise<void> {
  await mkdir(target, { recursive: true });
  const linked = new Set<string>();
  const link = async (name: string, path: string) => {
    if (linked.has(name)) return;
    linked.add(name);
    await mkdir(dirname(join(target, name)), { recursive: true });
    await symlink(path, join(target, name), 'junction');
  };
  for (const source of sources) {
    for (const name of await packageNames(source)) await link(name, join(source, name));
  }
  for (const [name, path] of Object.entries(links)) await link(name, path);
}

/** Package names in a `node_modules` folder (`pkg`, `@scope/pkg`); dot entries are skipped. */
async function packageNames(nodeModules: string): Promise<string[]> {
  const entries = await readdir(nodeModules).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    if (!entry.startsWith('@')) {
      names.push(entry);
      continue;
    }
    for (const scoped of await readdir(join(nodeModules, entry)).catch(() => [])) {
      names.push(`${entry}/${scoped}`);
    }
  }
  return names;
}
