import { describe, expect, it } from 'vitest';
import { resolvePlanOptions } from './plan-options.js';
import { rootBaseOf, rootLabelOf } from './root-naming.js';

const options = resolvePlanOptions({ rootNames: { Moderation: 'mod' } });

describe('rootBaseOf', () => {
  it('uses rootNames, then a cleaned category, then "more"', () => {
    expect(rootBaseOf('Moderation', options)).toBe('mod');
    expect(rootBaseOf("Music & Fun's", options)).toBe('music-funs');
    expect(rootBaseOf('Économie', options)).toBe('économie');
    expect(rootBaseOf(undefined, options)).toBe('more');
    expect(rootBaseOf('!!!', options)).toBe('more');
  });

  it('leaves room for -NN suffixes', () => {
    expect([...rootBaseOf('a'.repeat(40), options)]).toHaveLength(28);
  });

  it('labels roots with the category as written', () => {
    expect(rootLabelOf('Music & Fun')).toBe('Music & Fun');
    expect(rootLabelOf(undefined)).toBe('More');
  });
});
