// End to end: extension packages published to a real verdaccio on 127.0.0.1, found with
// `zoryx ext search`, installed live into a bot that `zoryx dev --offline` runs against the
// emulator, refused, rolled back, updated and removed — checked through the bot's chat and the
// bot folder's bytes. Needs npm and the workspace built (framework, marketplace, cli dist/).
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type DevBot, type World } from './e2e-world.js';
import {
  addon,
  base,
  broken,
  rival,
  scripted,
  scriptedPackage,
} from './fixtures/extension-packages.js';

let world: World;
let bot: DevBot;

/** The bytes of the files an operation may change. */
async function botFiles(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of ['config.json', 'package.json', 'package-lock.json']) {
    out[file] = (await readFile(join(world.botDir, file))).toString('base64');
  }
  return out;
}

async function listedPackages(): Promise<string[]> {
  return JSON.parse(await readFile(join(world.botDir, 'config.json'), 'utf8')).extensions.packages;
}

/** Types a chat line until the answer shows up (the bot syncs new slash commands shortly after loading). */
async function ask(line: string, expected: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const seen = await bot.say(line, expected, 5_000).catch(() => undefined);
    if (seen !== undefined) return;
  }
  throw new Error(`no "${expected}" after "${line}":\n${bot.output().slice(-3000)}`);
}

beforeAll(async () => {
  world = await createWorld();
  for (const pkg of [
    base('1.0.0'),
    addon,
    rival,
    scripted,
    broken,
    scriptedPackage('zx-allowed', 'zxallowed'),
  ]) {
    await world.publish(pkg);
  }
  bot = await world.startDev();
}, 300_000);

afterAll(async () => {
  await world?.close();
  if (world && process.env.ZORYX_E2E_KEEP !== '1')
    await rm(world.root, { recursive: true, force: true });
}, 60_000);

describe('zoryx ext against verdaccio and a running zoryx dev bot', () => {
  it('search finds the published extensions by keyword and text', async () => {
    const all = await world.zoryx(['ext', 'search', 'e2e', '--json']);
    expect(all.code, all.stderr).toBe(0);
    const names = JSON.parse(all.stdout)
      .hits.map((h: { name: string }) => h.name)
      .sort();
    expect(names).toEqual([
      'zx-addon',
      'zx-allowed',
      'zx-base',
      'zx-broken',
      'zx-rival',
      'zx-scripted',
    ]);
    const some = await world.zoryx(['ext', 'search', 'conflicts']);
    expect(some.stdout).toContain('zx-rival@1.0.0');
    expect(some.stdout).not.toContain('zx-base@');
  });

  it('info shows the manifest read in the sandbox and the scorecard', async () => {
    const info = await world.zoryx(['ext', 'info', 'zx-addon']);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain('depends on: {"zx-base":"^1.0.0"}');
    expect(info.stdout).toContain('✓ manifest');
    expect(info.stdout).toContain(
      '✓ zoryx-range: supports @zoryx/framework ^0.1.0 (bot has 0.1.0)',
    );
    expect(info.stdout).toContain('✗ provenance');
  });

  it('add loads an extension live in the running bot, and its dependent after it', async () => {
    const add = await world.zoryx(['ext', 'add', 'zx-base']);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('live in the running bot (zx-base)');
    expect(await listedPackages()).toEqual(['@zoryx/marketplace', 'zx-base']);
    await ask('/zxbase', 'zx-base answers v1.0.0');

    const dependent = await world.zoryx(['ext', 'add', 'zx-addon@^1.0.0']);
    expect(dependent.code, dependent.stderr).toBe(0);
    await ask('/zxaddon', 'addon via base says hi');
    const list = JSON.parse((await world.zoryx(['ext', 'list', '--json'])).stdout);
    expect(list.map((e: { package: string; loaded: boolean }) => [e.package, e.loaded])).toEqual([
      ['@zoryx/marketplace', true],
      ['zx-base', true],
      ['zx-addon', true],
    ]);
  });

  it('refuses a conflicting extension with the explanation before anything is written', async () => {
    const before = await botFiles();
    const refused = await world.zoryx(['ext', 'add', 'zx-rival']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error ZRX_MARKET_REFUSED: Nothing was written.');
    expect(refused.stderr).toMatch(/zx-rival/);
    expect(refused.stderr).toMatch(/conflict/i);
    expect(await botFiles()).toEqual(before);
    expect(existsSync(join(world.botDir, 'node_modules/zx-rival'))).toBe(false);
  });

  it('installs a package with an install script with scripts off', async () => {
    const add = await world.zoryx(['ext', 'add', 'zx-scripted']);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('✗ no-install-scripts');
    expect(add.stdout).toContain('install scripts off');
    expect(existsSync(join(world.botDir, 'node_modules/zx-scripted/package.json'))).toBe(true);
    expect(existsSync(join(world.botDir, 'zx-scripted.SCRIPT_RAN'))).toBe(false);
    await ask('/zxscripted', 'zxscripted is live');
  });

  it('runs the install scripts of the one package the owner allows', async () => {
    const add = await world.zoryx(['ext', 'add', 'zx-allowed', '--allow-scripts']);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('npm rebuild zx-allowed');
    expect(existsSync(join(world.botDir, 'zx-allowed.SCRIPT_RAN'))).toBe(true);
    await ask('/zxallowed', 'zxallowed is live');
    const removed = await world.zoryx(['ext', 'remove', 'zx-allowed']);
    expect(removed.stdout).toContain('removed zx-allowed (unloaded zx-allowed)');
  });

  it('rolls back an extension whose setup throws: config.json, package.json and lockfile byte-identical', async () => {
    const before = await botFiles();
    const failed = await world.zoryx(['ext', 'add', 'zx-broken']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('error ZRX_MARKET_LOAD_FAILED');
    expect(failed.stderr).toContain('zx-broken refuses to start');
    expect(failed.stdout).toContain(
      'rolled back: config.json, package.json and the lockfile are byte-identical',
    );
    expect(await botFiles()).toEqual(before);
    expect(existsSync(join(world.botDir, 'node_modules/zx-broken'))).toBe(false);
    // The bot still serves what it had.
    await ask('/zxbase', 'zx-base answers v1.0.0');
  });

  it('updates with a live reload, and rolls back an update whose setup throws', async () => {
    await world.publish(base('1.1.0'));
    const update = await world.zoryx(['ext', 'update', 'zx-base']);
    expect(update.code, update.stderr).toBe(0);
    expect(update.stdout).toContain('updated zx-base@1.1.0');
    await ask('/zxbase', 'zx-base answers v1.1.0');
    await ask('/zxaddon', 'addon via base says hi');

    await world.publish(base('1.2.0'));
    const before = await botFiles();
    const failed = await world.zoryx(['ext', 'update', 'zx-base']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('ZRX_MARKET_LOAD_FAILED');
    expect(await botFiles()).toEqual(before);
    await ask('/zxbase', 'zx-base answers v1.1.0');
  });

  it('pins hold a version; unpin lets update move it', async () => {
    expect((await world.zoryx(['ext', 'pin', 'zx-base'])).stdout).toContain(
      'pinned zx-base at 1.1.0',
    );
    const pinned = await world.zoryx(['ext', 'update', 'zx-base']);
    expect(pinned.stderr).toContain('error ZRX_MARKET_PINNED');
    expect((await world.zoryx(['ext', 'unpin', 'zx-base'])).stdout).toContain('unpinned zx-base');
  });

  it('remove asks before taking dependents, then unloads them first and uninstalls both', async () => {
    const unconfirmed = await world.zoryx(['ext', 'remove', 'zx-base']);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('error ZRX_MARKET_CONFIRM: zx-base is needed by zx-addon');
    expect(await listedPackages()).toContain('zx-base');

    const removed = await world.zoryx(['ext', 'remove', 'zx-base', '--yes']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('removed zx-addon, zx-base (unloaded zx-addon, zx-base)');
    expect(await listedPackages()).toEqual(['@zoryx/marketplace', 'zx-scripted']);
    const pkg = JSON.parse(await readFile(join(world.botDir, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).not.toContain('zx-base');
    await ask('/marketplace action:list', 'zx-scripted');
    const audit = await readFile(join(world.botDir, 'data/marketplace/audit.jsonl'), 'utf8');
    expect(audit).toContain('"operation":"remove","package":"zx-base","step":"uninstalled"');
  });

  it('owners do the same from Discord: /marketplace search, install with the confirm button, list, remove', async () => {
    await ask('/marketplace action:search query:conflicts', 'zx-rival');
    await ask('/marketplace action:install query:zx-base@1.0.0', 'install zx-base?');
    expect(bot.output()).toContain('zoryx-range: supports @zoryx/framework ^0.1.0');
    await bot.say('#1', /zx-base/, 60_000);
    await ask('/zxbase', 'zx-base answers v1.0.0');
    expect(await listedPackages()).toContain('zx-base');
    await ask('/marketplace action:list', 'zx-base');
    await ask('/marketplace action:remove query:zx-base', 'remove zx-base?');
    await bot.say('#1', /zx-base/, 60_000);
    for (
      let attempt = 0;
      attempt < 100 && (await listedPackages()).includes('zx-base');
      attempt++
    ) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await listedPackages()).not.toContain('zx-base');
    // The package leaves package.json before the uninstall ends and the lock is released: wait
    // for its audit line, or the next test's `ext add` meets ZRX_MARKET_BUSY.
    const auditFile = join(world.botDir, 'data/marketplace/audit.jsonl');
    const uninstalled = /"operation":"remove","package":"zx-base","step":"uninstalled"/;
    for (
      let attempt = 0;
      attempt < 300 && !uninstalled.test(await readFile(auditFile, 'utf8'));
      attempt++
    ) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const audit = await readFile(auditFile, 'utf8');
    expect(audit).toMatch(uninstalled);
    expect(audit).toMatch(
      /"operation":"add","package":"zx-base","step":"loaded","ok":true,"by":"discord:/,
    );
  });

  it('bench: zoryx ext add → live in the running bot, vs plain npm install of the same package', async () => {
    const bench = { ...base('1.0.0'), name: 'zx-bench', files: {} as Record<string, string> };
    for (const [file, text] of Object.entries(base('1.0.0').files)) {
      bench.files[file] = text.replaceAll('zx-base', 'zx-bench').replaceAll('zxbase', 'zxbench');
    }
    await world.publish(bench);
    // Plain npm install of the same package into a copy of the bot's package.json and lockfile.
    const plainDir = join(world.root, 'plain-npm');
    await mkdir(plainDir, { recursive: true });
    for (const file of ['package.json', 'package-lock.json'])
      await cp(join(world.botDir, file), join(plainDir, file));
    const add = await world.zoryx(['ext', 'add', 'zx-bench']);
    expect(add.code, add.stderr).toBe(0);
    await ask('/zxbench', 'zx-bench answers v1.0.0');
    const started = performance.now();
    const { spawnSync } = await import('node:child_process');
    const npm = spawnSync('npm', ['install', 'zx-bench@1.0.0', '--no-audit', '--no-fund'], {
      cwd: plainDir,
      env: world.env,
    });
    const npmMs = performance.now() - started;
    expect(npm.status, npm.stderr.toString()).toBe(0);
    const line = `bench: zoryx ext add → live ${(add.ms / 1000).toFixed(2)} s; plain npm install ${(npmMs / 1000).toFixed(2)} s; ratio ${(add.ms / npmMs).toFixed(2)}`;
    console.log(`${add.stdout}\n${line}`);
  });
});
