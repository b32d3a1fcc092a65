import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { closest } from './did-you-mean.js';
import { CliError } from './errors.js';
import { extensionsDir, NAME } from './new-extension.js';
import { type PieceKind, pieceSkeleton, wirePiece } from './piece-skeletons.js';

/** Options of {@link newPiece}. */
export interface NewPieceOptions {
  cwd: string;
  kind: PieceKind;
  /** The piece's name: the command name, the component id, or the listener's name. */
  name: string;
  /** The extension to put it in; optional when the bot has exactly one extension folder. */
  extension?: string | undefined;
}

/** What {@link newPiece} did. */
export interface NewPieceResult {
  /** The new file, relative to the bot folder. */
  readonly relativeFile: string;
  /** The extension's index.ts, relative, when it was wired in; null when it must be done by hand. */
  readonly wiredInto: string | null;
  /** What to add by hand when the wiring was not possible. */
  readonly manual: string | null;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function extensionFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await exists(join(dir, entry.name, 'index.ts')))) {
      folders.push(entry.name);
    }
  }
  return folders.sort();
}

/**
 * `zoryx new command|listener|component <name> [--extension <ext>]`: writes
 * `extensions/<ext>/<commands|listeners|components>/<name>.ts` on the v2 API and wires it into
 * the extension's `index.ts` (the import, and the entry in `commands`/`components` or a call in
 * `setup`). Never overwrites a file (`ZRX_CLI_EXTENSION_EXISTS`).
 */
export async function newPiece(options: NewPieceOptions): Promise<NewPieceResult> {
  const { kind, name } = options;
  if (!NAME.test(name)) {
    throw new CliError(
      'ZRX_CLI_INVALID_EXTENSION_NAME',
      `"${name}" is not a valid ${kind} name: use 1–32 lowercase letters, digits, - and _, starting with a letter.`,
      `Try \`zoryx new ${kind} ${name.toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'my-thing'}\`.`,
    );
  }
  const cwd = resolve(options.cwd);
  const dir = resolve(cwd, await extensionsDir(cwd));
  const folders = await extensionFolders(dir);
  let extension = options.extension;
  if (extension === undefined) {
    if (folders.length !== 1) {
      throw new CliError(
        'ZRX_CLI_USAGE',
        `Which extension gets the ${kind}? ${folders.length === 0 ? 'There is none yet.' : `There are ${folders.length}: ${folders.join(', ')}.`}`,
        folders.length === 0
          ? 'Create one first: `zoryx new extension <name>`.'
          : `Pass --extension <name>, e.g. \`zoryx new ${kind} ${name} --extension ${folders[0]}\`.`,
      );
    }
    extension = folders[0]!;
  }
  if (!folders.includes(extension)) {
    const guess = closest(extension, folders);
    throw new CliError(
      'ZRX_CLI_USAGE',
      `There is no extension folder "${extension}" with an index.ts in ${relative(cwd, dir) || '.'}.${guess ? ` Did you mean "${guess}"?` : ''}`,
      `Existing: ${folders.join(', ') || 'none'}; create one with \`zoryx new extension ${extension}\`.`,
    );
  }
  const piece = pieceSkeleton(kind, name);
  const file = join(dir, extension, piece.folder, `${name}.ts`);
  if (await exists(file)) {
    throw new CliError(
      'ZRX_CLI_EXTENSION_EXISTS',
      `${relative(cwd, file)} already exists.`,
      `Pick another name, or edit the existing ${kind}.`,
    );
  }
  await mkdir(join(dir, extension, piece.folder), { recursive: true });
  await writeFile(file, piece.source, { flag: 'wx' });
  const index = join(dir, extension, 'index.ts');
  const importPath = `./${piece.folder}/${name}.js`;
  const wired = wirePiece(await readFile(index, 'utf8'), piece, importPath);
  if (wired !== null) await writeFile(index, wired);
  const manual =
    wired === null
      ? `import { ${piece.identifier} } from '${importPath}'; then ${piece.wiring === 'setup' ? `call ${piece.identifier}(ctx) in setup` : `add ${piece.identifier} to ${piece.wiring}: [...]`}`
      : null;
  return {
    relativeFile: relative(cwd, file),
    wiredInto: wired === null ? null : relative(cwd, index),
    manual,
  };
}
