import { describe, expect, it } from 'vitest';
import {
  applyMergePatch,
  composeMergePatches,
  type DeepMergePatch,
  type JsonObject,
  unsetPathsOf,
} from './json-merge-patch.js';

describe('applyMergePatch (RFC 7396)', () => {
  it('merges objects key by key, replaces arrays and scalars, and null deletes', () => {
    const target = { a: 'b', c: { d: 'e', f: 'g' }, list: [1, 2], keep: true };
    const patch = { a: 'z', c: { f: null }, list: [3], added: { x: 1 } };
    expect(applyMergePatch(target, patch)).toEqual({
      a: 'z',
      c: { d: 'e' },
      list: [3],
      keep: true,
      added: { x: 1 },
    });
    // Neither argument is changed.
    expect(target.c).toEqual({ d: 'e', f: 'g' });
  });

  it('follows the RFC examples for non-object targets and patches', () => {
    expect(applyMergePatch({ a: 'foo' }, 'bar')).toBe('bar');
    expect(applyMergePatch('foo', { a: 'b' })).toEqual({ a: 'b' });
    expect(applyMergePatch({ a: 'foo' }, { a: null, b: null })).toEqual({});
    expect(applyMergePatch([1], { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });

  it('never writes through __proto__', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as JsonObject;
    const out = applyMergePatch({}, patch) as JsonObject;
    expect(out).toEqual({ ok: 1 });
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
  });
});

describe('composeMergePatches', () => {
  const base = { greeting: 'Hello', webhook: { url: 'https://a', secret: 's' }, level: 2 };
  // The property composition must keep: one stored patch = the two patches applied in order.
  const same = (first: JsonObject | undefined, second: JsonObject) => {
    const composed = composeMergePatches(first, second, base);
    expect(applyMergePatch(base, composed)).toEqual(
      applyMergePatch(applyMergePatch(base, first ?? {}), second),
    );
    return composed;
  };

  it('keeps a null as a tombstone, and a later value replaces it', () => {
    const unset = same({ greeting: 'Hi' }, { level: null, webhook: { secret: null } });
    expect(unset).toEqual({ greeting: 'Hi', level: null, webhook: { secret: null } });
    expect(same(unset, { level: 5 })).toEqual({
      greeting: 'Hi',
      level: 5,
      webhook: { secret: null },
    });
  });

  it('an object given again after it was unset does not merge with the base one', () => {
    const composed = same({ webhook: null }, { webhook: { url: 'https://b' } });
    // `secret` came from the base only: it gets a tombstone, the object is the patch's.
    expect(composed).toEqual({ webhook: { url: 'https://b', secret: null } });
    expect(applyMergePatch(base, composed)).toMatchObject({ webhook: { url: 'https://b' } });
  });

  it('a tombstone holds when the base later gets the key again; untouched keys follow the base', () => {
    const composed = same(undefined, { greeting: null });
    const editedBase = { ...base, greeting: 'Edited in config.json', level: 7 };
    expect(applyMergePatch(editedBase, composed)).toEqual({
      webhook: base.webhook,
      level: 7,
    });
  });

  it('lists what a patch unsets as dotted paths', () => {
    expect(unsetPathsOf({ a: null, b: { c: null, d: 1 }, e: [null] })).toEqual(['a', 'b.c']);
  });
});

describe('DeepMergePatch<T>', () => {
  type Input = {
    greeting?: string;
    level: number;
    webhook?: { url: string; secret?: string };
    channels?: string[];
  };

  it('allows null only for keys that may be missing (checked by tsc)', () => {
    const ok: DeepMergePatch<Input> = {
      greeting: null,
      webhook: { secret: null },
      channels: ['a'],
    };
    const whole: DeepMergePatch<Input> = { webhook: null };
    // @ts-expect-error `level` is required: it cannot be unset.
    const required: DeepMergePatch<Input> = { level: null };
    // @ts-expect-error `url` is required inside `webhook`.
    const nested: DeepMergePatch<Input> = { webhook: { url: null } };
    // @ts-expect-error a wrong type is still refused.
    const wrong: DeepMergePatch<Input> = { greeting: 3 };
    expect([ok, whole, required, nested, wrong].length).toBe(5);
    expect(unsetPathsOf(ok)).toEqual(['greeting', 'webhook.secret']);
  });
});
