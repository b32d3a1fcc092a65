import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The end-to-end tests spawn the built bin. `turbo run test` builds first; a bare `vitest` run
 * in a fresh checkout builds here instead of failing with "cannot find dist/cli.js".
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (existsSync(`${root}/dist/cli.js`)) return;
  const result = spawnSync('npx', ['tsup'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error('create-zoryx-bot: building dist/ for the tests failed');
}
