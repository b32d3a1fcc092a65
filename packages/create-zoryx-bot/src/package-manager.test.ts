import { describe, expect, test } from 'vitest';
import {
  detectPackageManager,
  hasBinary,
  installCommand,
  runScriptCommand,
} from './package-manager';

describe('detectPackageManager', () => {
  test.each([
    ['npm/10.8.2 node/v20.19.0 linux x64 workspaces/false', 'npm'],
    ['pnpm/10.34.8 npm/? node/v20.19.0 linux x64', 'pnpm'],
    ['yarn/4.5.0 npm/? node/v20.19.0 linux x64', 'yarn'],
    ['bun/1.2.0 npm/? node/v22.0.0 linux x64', 'bun'],
    ['deno/2.0.0 npm/? deno/2.0.0 linux x64', 'npm'],
    ['', 'npm'],
    [undefined, 'npm'],
  ])('%j → %s', (agent, pm) => {
    expect(detectPackageManager(agent)).toBe(pm);
  });
});

test('commands as users type them', () => {
  expect([
    installCommand('npm'),
    installCommand('pnpm'),
    installCommand('yarn'),
    installCommand('bun'),
  ]).toEqual(['npm install', 'pnpm install', 'yarn', 'bun install']);
  expect(runScriptCommand('npm', 'dev:offline')).toBe('npm run dev:offline');
  expect(runScriptCommand('pnpm', 'dev')).toBe('pnpm dev');
  expect(runScriptCommand('yarn', 'dev')).toBe('yarn dev');
  expect(runScriptCommand('bun', 'dev')).toBe('bun run dev');
});

test('hasBinary spawns `<cmd> --version`: true for node, false for a missing binary', async () => {
  expect(await hasBinary('node', process.cwd(), process.env)).toBe(true);
  expect(await hasBinary('zoryx-no-such-binary', process.cwd(), process.env)).toBe(false);
});
