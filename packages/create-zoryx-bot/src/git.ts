import { hasBinary, runCommand } from './package-manager';

/** What {@link initGit} did, for the summary. */
export type GitOutcome =
  | 'committed'
  | 'initialised'
  | 'inside-repository'
  | 'git-missing'
  | 'failed';

/**
 * `git init` + an initial commit in `dir`. Skipped when git is missing or `dir` is already
 * inside a work tree (a bot created inside a monorepo belongs to that repository). A commit
 * that fails (no `user.name` configured) leaves the initialised repository.
 */
export async function initGit(dir: string, env: NodeJS.ProcessEnv): Promise<GitOutcome> {
  const quiet = { cwd: dir, env, stdio: 'ignore' } as const;
  if (!(await hasBinary('git', dir, env))) return 'git-missing';
  if ((await runCommand('git', ['rev-parse', '--is-inside-work-tree'], quiet)).ok)
    return 'inside-repository';
  if (!(await runCommand('git', ['init', '-q'], quiet)).ok) return 'failed';
  if (!(await runCommand('git', ['add', '-A'], quiet)).ok) return 'initialised';
  const commit = await runCommand(
    'git',
    ['commit', '-q', '-m', 'Initial commit from create-zoryx-bot'],
    quiet,
  );
  return commit.ok ? 'committed' : 'initialised';
}

/** One line describing a {@link GitOutcome}. */
export function describeGit(outcome: GitOutcome): string {
  switch (outcome) {
    case 'committed':
      return 'Initialised a git repository with an initial commit.';
    case 'initialised':
      return 'Initialised a git repository (no initial commit: set git user.name and user.email, then commit).';
    case 'inside-repository':
      return 'Skipped git init: the project is inside an existing git repository.';
    case 'git-missing':
      return 'Skipped git init: git was not found on the PATH.';
    case 'failed':
      return 'git init failed; run it yourself in the project directory.';
  }
}
