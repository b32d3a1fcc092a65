import { describe, expect, it } from 'vitest';
import { npmSafeEnv, step, turboTaskStart } from './progress.mjs';

describe('progress output of long scripts', () => {
  it('reads the task a turbo line starts, coloured or not, cached or not', () => {
    expect(turboTaskStart('@zoryx/store:build: cache miss, executing 3f2a91')).toEqual({
      task: '@zoryx/store#build',
      cached: false,
    });
    expect(
      turboTaskStart('\u001b[32m@zoryx/db:build: \u001b[0mcache hit, suppressing logs f92507'),
    ).toEqual({ task: '@zoryx/db#build', cached: true });
    expect(turboTaskStart(' Tasks:    1 successful, 1 total')).toBeNull();
    expect(turboTaskStart('@zoryx/db:build: DTS Build start')).toBeNull();
  });

  it('a step hands every output line to onLine and resolves with the output', async () => {
    const lines = [];
    const out = await step(
      'Echoing',
      process.execPath,
      ['-e', 'console.log("a\\nb"); console.error("c")'],
      {
        onLine: (line) => lines.push(line),
      },
    );
    expect(lines.filter(Boolean).sort()).toEqual(['a', 'b', 'c']);
    expect(out).toContain('a\nb');
  });

  it('resolves with standard output only, so a warning on standard error cannot spoil JSON', async () => {
    const out = await step(
      'Planning',
      process.execPath,
      [
        '-e',
        'console.error("npm warn Unknown env config"); console.log(JSON.stringify({ tasks: [] }))',
      ],
      { quiet: true },
    );
    expect(JSON.parse(out)).toEqual({ tasks: [] });
  });

  it("drops pnpm's npm_config_* settings, keeping the ones npm reads", () => {
    const env = npmSafeEnv({
      PATH: '/bin',
      npm_config_auto_install_peers: 'true',
      npm_config_verify_deps_before_run: 'false',
      npm_config_registry: 'http://127.0.0.1:4873/',
      npm_config_userconfig: '/root/.npmrc',
    });
    expect(env).toEqual({
      PATH: '/bin',
      npm_config_registry: 'http://127.0.0.1:4873/',
      npm_config_userconfig: '/root/.npmrc',
    });
  });

  it('a failing step rejects naming the command', async () => {
    await expect(
      step('Failing', process.execPath, ['-e', 'process.exit(3)'], { quiet: true }),
    ).rejects.toThrow(/exited with 3/);
  });
});
