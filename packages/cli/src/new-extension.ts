import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CliError } from './errors.js';
import { extensionSkeleton } from './extension-skeleton.js';

/** Options of {@link newExtension}. */
export interface NewExtensionOptions {
  /** The bot's folder. */
  cwd: string;
  /** The extension's name: lowercase letters, digits, `-` and `_`, starting with a letter. */
  name: string;
}

/** What {@link newExtension} wrote. */
export interface NewExtensionResult {
  /** Absolute path of the new `index.ts`. */
  readonly file: string;
  /** The same, relative to the bot's folder. */
  readonly relativeFile: string;
}

/** Valid extension (and Discord command) names: 1–32 chars, a letter first. */
export const NAME = /^[a-z][a-z0-9_-]{0,31}$/;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** `extensions.dir` of the bot's config.json, or `extensions`. */
export async function extensionsDir(cwd: string): Promise<string> {
  try {
    const config = JSON.parse(await readFile(join(cwd, 'config.json'), 'utf8')) as {
      extensions?: { dir?: unknown };
    };
    const dir = config.extensions?.dir;
    return typeof dir === 'string' && dir.length > 0 ? dir : 'extensions';
  } catch {
    return 'extensions';
  }
}

/**
 * `zoryx new extension <name>`: writes `extensions/<name>/index.ts` (or the folder set in
 * config.json's `extensions.dir`) with a command, a hook and a config schema. Refuses invalid
 * names (`ZRX_CLI_INVALID_EXTENSION_NAME`) and never overwrites an extension of that name
 * (`ZRX_CLI_EXTENSION_EXISTS`).
 *
 * @example
 * ```ts
 * const { relativeFile } = await newExtension({ cwd: '.', name: 'tickets' });
 * // extensions/tickets/index.ts
 * ```
 */
export async function newExtension(options: NewExtensionOptions): Promise<NewExtensionResult> {
  const { name } = options;
  if (!NAME.test(name)) {
    const suggestion = name
      .trim()
      .toLowerCase()
      .replace(/\s+/g, '-')
      .replace(/[^a-z0-9_-]/g, '')
      .replace(/^[^a-z]+/, '')
      .slice(0, 32);
    throw new CliError(
      'ZRX_CLI_INVALID_EXTENSION_NAME',
      `"${name}" is not a valid extension name: use 1–32 lowercase letters, digits, - and _, starting with a letter.`,
      suggestion ? `Try \`zoryx new extension ${suggestion}\`.` : 'Try a name like `tickets`.',
    );
  }
  const cwd = resolve(options.cwd);
  if (!(await exists(cwd))) {
    throw new CliError(
      'ZRX_CLI_BOT_FOLDER',
      `The bot folder ${cwd} does not exist.`,
      'Run the command in your bot folder, or pass --cwd <dir>.',
    );
  }
  const dir = resolve(cwd, await extensionsDir(cwd));
  for (const taken of [join(dir, name), join(dir, `${name}.ts`), join(dir, `${name}.js`)]) {
    if (await exists(taken)) {
      throw new CliError(
        'ZRX_CLI_EXTENSION_EXISTS',
        `An extension named "${name}" already exists at ${relative(cwd, taken)}.`,
        'Pick another name, or edit the existing extension.',
      );
    }
  }
  const file = join(dir, name, 'index.ts');
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(file, extensionSkeleton(name), { flag: 'wx' });
  return { file, relativeFile: relative(cwd, file) };
}
