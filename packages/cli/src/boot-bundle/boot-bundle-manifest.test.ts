import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BOOT_BUNDLE_FORMAT,
  type BootBundleManifest,
  bootBundleRuntime,
  bootBundleState,
  MANIFEST_FILE,
} from './boot-bundle-manifest.js';

let folder: string;
let input: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'zoryx-boot-manifest-'));
  input = join(folder, 'input.js');
  await writeFile(input, 'module.exports = 1;\n');
  await writeFile(join(folder, 'runtime-abc.cjs'), 'exports.m0 = {};\n');
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function manifest(patch: Partial<BootBundleManifest> = {}): Promise<BootBundleManifest> {
  const s = await stat(input);
  const m: BootBundleManifest = {
    format: BOOT_BUNDLE_FORMAT,
    runtime: bootBundleRuntime(),
    bundle: 'runtime-abc.cjs',
    cache: 'runtime-abc.v8cache',
    shared: ['@zoryx/framework'],
    inputs: [[input, s.mtimeMs, s.size]],
    builtAt: new Date().toISOString(),
    buildMs: 1,
    bytes: 'exports.m0 = {};\n'.length,
    ...patch,
  };
  await writeFile(join(folder, MANIFEST_FILE), JSON.stringify(m));
  return m;
}

describe('bootBundleState', () => {
  it('is usable while the bundle and every input are as built', async () => {
    const m = await manifest();
    expect(bootBundleState(folder)).toEqual({
      usable: true,
      manifest: m,
      file: join(folder, 'runtime-abc.cjs'),
    });
  });

  it('says "not built yet" without a manifest', () => {
    expect(bootBundleState(folder)).toEqual({ usable: false, reason: 'not built yet' });
  });

  it('names a manifest that is not JSON or not of this format', async () => {
    await writeFile(join(folder, MANIFEST_FILE), '{ torn');
    expect(bootBundleState(folder)).toEqual({ usable: false, reason: 'runtime.json is not JSON' });
    await writeFile(join(folder, MANIFEST_FILE), JSON.stringify({ format: 1, bundle: 'x.mjs' }));
    expect(bootBundleState(folder)).toMatchObject({
      usable: false,
      reason: expect.stringContaining('format 2'),
    });
    // A bundle name that would leave the folder is not a manifest's.
    await manifest({ bundle: '../../etc/passwd' });
    expect(bootBundleState(folder).usable).toBe(false);
  });

  it('is stale when built by another Node (its code cache would be refused)', async () => {
    await manifest({ runtime: 'node v0.0.0 v8 0 linux-x64' });
    expect(bootBundleState(folder)).toEqual({
      usable: false,
      reason: 'built for node v0.0.0 v8 0 linux-x64',
    });
  });

  it('is stale when an input changed, is gone, or the bundle changed', async () => {
    await manifest();
    await utimes(input, new Date(), new Date(Date.now() + 5_000));
    expect(bootBundleState(folder)).toEqual({ usable: false, reason: `${input} changed` });
    await manifest();
    await writeFile(input, 'module.exports = 22;\n');
    expect(bootBundleState(folder)).toEqual({ usable: false, reason: `${input} changed` });
    await manifest();
    await rm(input);
    expect(bootBundleState(folder)).toEqual({ usable: false, reason: `${input} is gone` });
    await writeFile(input, 'module.exports = 1;\n');
    await manifest({ bytes: 3 });
    expect(bootBundleState(folder)).toEqual({
      usable: false,
      reason: 'runtime-abc.cjs is missing or changed',
    });
  });
});
