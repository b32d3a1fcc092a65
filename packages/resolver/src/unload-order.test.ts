import { describe, expect, test } from 'vitest';
import type { ExtensionManifest } from './index';
import { dependentsOf, resolve, unloadOrder } from './index';

const needs = (name: string, ...dependencies: string[]): ExtensionManifest => ({
  name,
  version: '1.0.0',
  dependencies: Object.fromEntries(dependencies.map((dependency) => [dependency, '*'])),
});

const plan = resolve([
  needs('voice'),
  needs('music', 'voice'),
  needs('playlists', 'music'),
  { name: 'radio', version: '1.0.0', optionalDependencies: { music: '*' } },
  needs('economy'),
  needs('shop', 'economy'),
]);

describe('dependentsOf', () => {
  test('is transitive, follows optional edges, in load order', () => {
    expect(dependentsOf(plan, 'voice')).toEqual(['music', 'playlists', 'radio']);
    expect(dependentsOf(plan, 'economy')).toEqual(['shop']);
    expect(dependentsOf(plan, 'shop')).toEqual([]);
    expect(dependentsOf(plan, 'unknown')).toEqual([]);
  });
});

describe('unloadOrder', () => {
  test('unloads dependents first, then the names themselves', () => {
    expect(unloadOrder(plan, ['voice'])).toEqual(['radio', 'playlists', 'music', 'voice']);
    expect(plan.levels).toEqual([
      ['economy', 'voice'],
      ['music', 'shop'],
      ['playlists', 'radio'],
    ]);
    expect(unloadOrder(plan, ['music', 'economy'])).toEqual([
      'radio',
      'playlists',
      'shop',
      'music',
      'economy',
    ]);
  });

  test('already loaded extensions come last, after planned dependents', () => {
    const hot = resolve([needs('music', 'voice')], { loaded: [needs('voice')] });
    expect(unloadOrder(hot, ['voice'])).toEqual(['music', 'voice']);
    expect(dependentsOf(hot, 'voice')).toEqual(['music']);
  });

  test('works on a plan read back from JSON', () => {
    const copy = JSON.parse(JSON.stringify(plan)) as typeof plan;
    expect(unloadOrder(copy, ['voice'])).toEqual(unloadOrder(plan, ['voice']));
  });
});
