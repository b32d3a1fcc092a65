import type { Readable, Writable } from 'node:stream';
import { confirm, intro, isCancel, log, select, text } from '@clack/prompts';
import type { CliArgs } from './args';
import { CreateError } from './create-error';
import { detectPackageManager, PACKAGE_MANAGERS, type PackageManager } from './package-manager';
import { type ProjectTarget, resolveTarget } from './project-name';
import { checkTarget, targetProblem } from './target-dir';
import { findTemplate, type TemplateInfo } from './templates';

/** Everything needed to create the project. */
export interface Answers {
  readonly target: ProjectTarget;
  readonly template: TemplateInfo;
  readonly pm: PackageManager;
  readonly install: boolean;
  readonly git: boolean;
}

/** Where defaults come from and prompts go. */
export interface AnswerContext {
  readonly args: CliArgs;
  /** As sorted by `discoverTemplates`: `default` first, never empty. */
  readonly templates: readonly TemplateInfo[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly input: Readable;
  readonly output: Writable;
}

/** The directory `--yes` uses when none is given. */
export const DEFAULT_DIR = 'my-zoryx-bot';

function defaultTemplate(templates: readonly TemplateInfo[]): TemplateInfo {
  return templates[0] as TemplateInfo;
}

/**
 * Answers from the flags and defaults alone (`--yes`): no question is asked.
 * @throws {CreateError} `ZRX_CREATE_INVALID_NAME`, `ZRX_CREATE_TARGET_NOT_DIR`,
 *   `ZRX_CREATE_DIR_NOT_EMPTY`, `ZRX_CREATE_UNKNOWN_TEMPLATE`.
 */
export function defaultAnswers({ args, templates, cwd, env }: AnswerContext): Answers {
  const target = resolveTarget(cwd, args.dir ?? DEFAULT_DIR);
  checkTarget(target.dir, args.force);
  return {
    target,
    template:
      args.template === undefined
        ? defaultTemplate(templates)
        : findTemplate(templates, args.template),
    pm: args.pm ?? detectPackageManager(env.npm_config_user_agent),
    install: args.install,
    git: args.git,
  };
}

function dirOrDefault(value: string | undefined): string {
  return value === undefined || value.trim() === '' ? DEFAULT_DIR : value.trim();
}

/** Inline validation of the typed directory: a valid package name, a usable folder. */
function dirProblem(cwd: string, value: string | undefined, force: boolean): string | undefined {
  try {
    return targetProblem(resolveTarget(cwd, dirOrDefault(value)).dir, force);
  } catch (error) {
    if (error instanceof CreateError) return `${error.message} ${error.hint}`;
    throw error;
  }
}

function answered<T>(value: T): Exclude<T, symbol> {
  if (isCancel(value)) {
    throw new CreateError(
      'ZRX_CREATE_CANCELLED',
      'Cancelled; nothing was created.',
      'Run the command again when ready.',
    );
  }
  return value as Exclude<T, symbol>;
}

/**
 * Asks, with @clack/prompts, every question the flags did not answer: directory, template,
 * package manager (the detected one preselected), install now, git init. Ctrl-C at any
 * question throws `ZRX_CREATE_CANCELLED` before anything is written.
 */
export async function askAnswers(context: AnswerContext): Promise<Answers> {
  const { args, templates, cwd, env, input, output } = context;
  const io = { input, output };
  intro('create-zoryx-bot', io);

  // Flags are checked before the first question, so a bad one fails fast.
  const flagTemplate =
    args.template === undefined ? undefined : findTemplate(templates, args.template);
  let target: ProjectTarget;
  if (args.dir !== undefined) {
    target = resolveTarget(cwd, args.dir);
    checkTarget(target.dir, args.force);
  } else {
    const dir = answered(
      await text({
        ...io,
        message: 'Where should the bot be created?',
        placeholder: DEFAULT_DIR,
        defaultValue: DEFAULT_DIR,
        validate: (value) => dirProblem(cwd, value, args.force),
      }),
    );
    target = resolveTarget(cwd, dirOrDefault(dir));
    checkTarget(target.dir, args.force);
  }

  if (flagTemplate === undefined && templates.length === 1) {
    const only = defaultTemplate(templates);
    // One template: nothing to choose, but say which one is used.
    log.info(
      `Template: ${only.name}${only.description === '' ? '' : ` (${only.description})`}`,
      io,
    );
  }
  const template =
    flagTemplate ??
    (templates.length === 1
      ? defaultTemplate(templates)
      : answered(
          await select({
            ...io,
            message: 'Which template?',
            initialValue: defaultTemplate(templates),
            options: templates.map((t) => ({
              value: t,
              label: t.name,
              ...(t.description === '' ? {} : { hint: t.description }),
            })),
          }),
        ));

  const pm =
    args.pm ??
    answered(
      await select({
        ...io,
        message: 'Which package manager?',
        initialValue: detectPackageManager(env.npm_config_user_agent),
        options: PACKAGE_MANAGERS.map((name) => ({ value: name, label: name })),
      }),
    );

  const install = args.install
    ? answered(
        await confirm({
          ...io,
          message: `Install dependencies now with ${pm}?`,
          initialValue: true,
        }),
      )
    : false;
  const git = args.git
    ? answered(
        await confirm({ ...io, message: 'Initialise a git repository?', initialValue: true }),
      )
    : false;
  return { target, template, pm, install, git };
}
