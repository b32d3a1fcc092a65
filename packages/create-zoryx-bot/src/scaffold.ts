import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { copyTemplate } from './copy-template';
import { CreateError } from './create-error';
import { placeProject } from './place-project';
import { targetState } from './target-dir';
import type { TemplateInfo } from './templates';

/** Inputs of {@link scaffold}. */
export interface ScaffoldInput {
  readonly template: TemplateInfo;
  /** Absolute project directory; missing, empty, or non-empty with `--force`. */
  readonly dir: string;
  /** The rewritten package.json text (see `preparePackageJson`). */
  readonly packageJson: string;
  readonly signal?: AbortSignal;
}

/**
 * Writes the project, all or nothing: the template is copied into a hidden staging folder (a
 * sibling of a new project directory, or inside an existing one, so the final moves never
 * cross file systems) and moved into place only once complete. Any failure removes the
 * staging folder, the parent folders this call created, and every moved entry.
 * @throws {CreateError} `ZRX_CREATE_WRITE_FAILED` (with the cause), or the `CreateError` that
 *   stopped the copy (`ZRX_CREATE_CANCELLED`, `ZRX_CREATE_TEMPLATE_INVALID`).
 */
export async function scaffold({
  template,
  dir,
  packageJson,
  signal,
}: ScaffoldInput): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const parent = dirname(dir);
  let createdParent: string | undefined;
  let stageDir: string | undefined;
  try {
    createdParent = await mkdir(parent, { recursive: true });
    const existing = targetState(dir) !== 'missing';
    stageDir = existing
      ? join(dir, `.zoryx-create-${id}`)
      : join(parent, `.${basename(dir)}-zoryx-create-${id}`);
    await copyTemplate(template, stageDir, packageJson, signal);
    await placeProject(stageDir, dir, join(dir, `.zoryx-create-backup-${id}`), signal);
  } catch (error) {
    if (stageDir !== undefined) await rm(stageDir, { recursive: true, force: true });
    if (createdParent !== undefined) await rm(createdParent, { recursive: true, force: true });
    if (error instanceof CreateError) throw error;
    throw new CreateError(
      'ZRX_CREATE_WRITE_FAILED',
      `Could not write the project to ${dir}: ${(error as Error).message}. Nothing was left behind.`,
      'Check that the parent directory is writable and the disk has room, then run the command again.',
      { cause: error },
    );
  }
}
