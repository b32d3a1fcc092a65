import {
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { CreateError } from './create-error';
import { projectPackageJson } from './package-json';
import { TEMPLATE_META_FILE, type TemplateInfo } from './templates';

/** Never copied out of a template: build output, installs, local data and secrets. */
export const EXCLUDED_NAMES: ReadonlySet<string> = new Set([
  'node_modules',
  'dist',
  'data',
  'logs',
  '.env',
  '.turbo',
  'coverage',
  'tsconfig.tsbuildinfo',
]);

/** npm drops these dotfiles from published packages, so templates ship them under `_` names. */
export const RENAMED_FILES: ReadonlyMap<string, string> = new Map([
  ['_gitignore', '.gitignore'],
  ['_npmrc', '.npmrc'],
]);

/** Throws an `AbortError` once the user pressed Ctrl-C, so writing stops and is undone. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new CreateError(
      'ZRX_CREATE_CANCELLED',
      'Cancelled; nothing was created.',
      'Run the command again when ready.',
    );
  }
}

/**
 * The project's package.json text, computed before anything is written so a broken template
 * fails without leaving files behind.
 */
export async function preparePackageJson(
  template: TemplateInfo,
  name: string,
  versions: ReadonlyMap<string, string>,
): Promise<string> {
  const path = join(template.dir, 'package.json');
  const parsed = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  return `${JSON.stringify(projectPackageJson(parsed, name, versions, template.name), null, 2)}\n`;
}

/**
 * Copies a template folder into `to` (which must not exist): excluded names skipped, `_gitignore`
 * renamed, the root package.json replaced by `packageJson`, `template.json` left out.
 * @throws {CreateError} `ZRX_CREATE_TEMPLATE_INVALID` for a file that is neither a regular file,
 *   a folder nor a symlink; `ZRX_CREATE_CANCELLED` when `signal` aborts.
 */
export async function copyTemplate(
  template: TemplateInfo,
  to: string,
  packageJson: string,
  signal?: AbortSignal,
): Promise<void> {
  await copyDir(template.dir, to, signal, template.name);
  await writeFile(join(to, 'package.json'), packageJson);
}

async function copyDir(
  from: string,
  to: string,
  signal: AbortSignal | undefined,
  root: string | undefined,
) {
  await mkdir(to);
  for (const entry of await readdir(from)) {
    throwIfAborted(signal);
    if (EXCLUDED_NAMES.has(entry)) continue;
    // The root's package.json is rewritten by the caller; template.json is metadata.
    if (root !== undefined && (entry === 'package.json' || entry === TEMPLATE_META_FILE)) continue;
    const source = join(from, entry);
    const target = join(to, RENAMED_FILES.get(entry) ?? entry);
    const stats = await lstat(source);
    if (stats.isDirectory()) await copyDir(source, target, signal, undefined);
    else if (stats.isFile()) await copyFile(source, target);
    else if (stats.isSymbolicLink()) await symlink(await readlink(source), target);
    else {
      throw new CreateError(
        'ZRX_CREATE_TEMPLATE_INVALID',
        `${source} is neither a file, a folder nor a symlink, so it cannot be copied.`,
        'Reinstall create-zoryx-bot; if you maintain the template, remove that file.',
      );
    }
  }
}
