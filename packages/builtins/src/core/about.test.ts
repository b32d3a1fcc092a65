import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BUILTINS_VERSION } from './about.js';

describe('BUILTINS_VERSION', () => {
  it('is the package version (core reports it in about and as its extension version)', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(
      BUILTINS_VERSION,
      'update BUILTINS_VERSION in src/core/about.ts after a version bump',
    ).toBe(pkg.version);
  });
});
