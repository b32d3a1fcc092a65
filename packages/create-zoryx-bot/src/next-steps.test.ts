import { expect, test } from 'vitest';
import { nextSteps } from './next-steps';

test('cd (quoted when needed), install when not installed, dev and dev:offline', () => {
  const text = nextSteps({
    cwd: '/home/me',
    dir: '/home/me/My Bots/bot',
    pm: 'pnpm',
    installed: false,
  });
  expect(text.split('\n').map((line) => line.replace(/\s+#.*$/, ''))).toEqual([
    'Next steps:',
    '  cd "My Bots/bot"',
    '  pnpm install',
    '  pnpm dev',
    '  pnpm dev:offline',
  ]);
});

test('installed, outside cwd: absolute cd, no install line', () => {
  const text = nextSteps({ cwd: '/home/me/a', dir: '/srv/bot', pm: 'npm', installed: true });
  expect(text).toContain('  cd /srv/bot\n  npm run dev ');
  expect(text).not.toContain('npm install');
});
