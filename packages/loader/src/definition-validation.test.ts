import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineExtension } from './definition.js';
import { readDefinition, validateConfig } from './definition-validation.js';
import type { LoaderError } from './errors.js';

function catchError(fn: () => unknown): LoaderError {
  try {
    fn();
  } catch (e) {
    return e as LoaderError;
  }
  throw new Error('expected a throw');
}

describe('readDefinition', () => {
  it('takes the default export (or module.exports) and keeps the definition as is', () => {
    const def = defineExtension({ name: 'eco', version: '1.0.0' });
    expect(readDefinition({ default: def }, 'x').definition).toBe(def);
    expect(readDefinition(def, 'x').name).toBe('eco');
  });

  it('normalises spaces in the name with a warning', () => {
    const read = readDefinition({ default: { name: 'leveling system', version: '1.0.0' } }, 'x');
    expect(read.name).toBe('leveling-system');
    expect(read.warnings[0]).toContain('normalised to "leveling-system"');
  });

  it('lists every invalid field at once', () => {
    const error = catchError(() =>
      readDefinition(
        {
          default: {
            name: 'Bad Name!',
            version: 3,
            dependencies: { a: 1 },
            conflicts: [],
            setup: 'nope',
            config: { parse() {} },
          },
        },
        '"bad" (/x/bad.ts)',
      ),
    );
    expect(error.code).toBe('ZRX_EXT_INVALID_DEFINITION');
    for (const field of [
      '`name`',
      '`version`',
      '`dependencies.a`',
      '`conflicts`',
      '`setup`',
      '`config`',
    ]) {
      expect(error.message).toContain(field);
    }
    expect(error.message).toContain('"bad" (/x/bad.ts)');
  });

  it('refuses an empty module (what a half-written file evaluates to)', () => {
    expect(catchError(() => readDefinition({}, 'x')).code).toBe('ZRX_EXT_INVALID_DEFINITION');
    expect(catchError(() => readDefinition({ default: undefined }, 'x')).message).toContain(
      'undefined',
    );
  });
});

describe('validateConfig', () => {
  const def = defineExtension({
    name: 'leveling',
    version: '1.0.0',
    config: z.object({ xpPerMessage: z.number().default(10), channel: z.string().optional() }),
  });

  it('returns the schema output, defaults applied', async () => {
    expect(await validateConfig(def, {}, 'leveling')).toEqual({ xpPerMessage: 10 });
    expect(await validateConfig(def, undefined, 'leveling')).toEqual({ xpPerMessage: 10 });
    expect(await validateConfig(def, { xpPerMessage: 3 }, 'leveling')).toEqual({ xpPerMessage: 3 });
  });

  it('names every failing path in ZRX_EXT_CONFIG_INVALID', async () => {
    const error = await validateConfig(def, { xpPerMessage: 'lots', channel: 5 }, 'leveling').catch(
      (e: LoaderError) => e,
    );
    expect((error as LoaderError).code).toBe('ZRX_EXT_CONFIG_INVALID');
    expect((error as LoaderError).message).toContain('xpPerMessage');
    expect((error as LoaderError).message).toContain('channel');
    expect((error as LoaderError).hint).toContain('"leveling"');
  });

  it('is undefined without a schema', async () => {
    expect(
      await validateConfig(defineExtension({ name: 'a', version: '1.0.0' }), { x: 1 }, 'a'),
    ).toBeUndefined();
  });
});
