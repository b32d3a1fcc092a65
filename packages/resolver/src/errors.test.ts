import { describe, expect, it } from 'vitest';
import { resolverErrorCatalogue } from './errors';
import { ProblemCode } from './problem';
import { ResolverError } from './resolver-error';

describe('resolverErrorCatalogue', () => {
  it('gives every code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(resolverErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('holds every problem code and the CLI codes, nothing else', () => {
    expect(Object.keys(resolverErrorCatalogue).sort()).toEqual(
      [...Object.values(ProblemCode), 'ZRX_RESOLVE_INPUT', 'ZRX_RESOLVE_USAGE'].sort(),
    );
  });

  it('supplies the hint of a ResolverError thrown without one; a specific hint wins', () => {
    expect(new ResolverError('ZRX_RESOLVE_USAGE', 'two paths').hint).toBe(
      resolverErrorCatalogue.ZRX_RESOLVE_USAGE.hint,
    );
    expect(new ResolverError('ZRX_RESOLVE_INPUT', 'x.json', 'Fix line 3.').hint).toBe(
      'Fix line 3.',
    );
  });
});
