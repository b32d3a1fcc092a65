import { describe, expect, test } from 'vitest';
import { resolve } from './index';

describe('explain', () => {
  test('shows the order by level, every skipped extension with its reasons, warnings and ignored input', () => {
    const plan = resolve([
      { name: 'voice', version: '2.4.1' },
      { name: 'music', version: '2.1.0', dependencies: { voice: '^3.0.0' } },
      { name: 'playlists', version: '1.0.0', dependencies: { music: '*' } },
      { name: 'economy', version: '1.0.0' },
      { name: 'leveling system', version: '1.0.0', dependencies: { economy: '^1.0.0' } },
      42 as never,
    ]);
    expect(plan.explain()).toBe(
      [
        '3 of 5 extensions will load; 2 skipped, 1 warning.',
        '',
        'Load order (2 levels):',
        '  1. economy@1.0.0, voice@2.4.1',
        '  2. leveling-system@1.0.0',
        '',
        'Skipped (2):',
        '  ✗ music@2.1.0',
        '    [ZRX_DEP_VERSION] Because music@2.1.0 needs voice ^3.0.0 and only voice 2.4.1 is present, music cannot load.',
        '      hint: Provide voice in a version matching ^3.0.0, or widen the range in the manifest of music to include 2.4.1 (e.g. "^3.0.0 || ^2.4.1").',
        '  ✗ playlists@1.0.0',
        '    [ZRX_DEP_SKIPPED] Because music@2.1.0 needs voice ^3.0.0 and only voice 2.4.1 is present, music cannot load. And because playlists needs music, playlists cannot load.',
        '      hint: playlists can load once music does; fix the root cause first: the ZRX_DEP_VERSION problem of music.',
        '',
        'Warnings (1):',
        '  ! leveling-system',
        '    [ZRX_NAME_NORMALIZED] The name "leveling system" contains whitespace; it is used as "leveling-system".',
        '      hint: Rename the extension to "leveling-system" in its manifest.',
        '',
        'Ignored input (1):',
        '  ✗ manifests[5]',
        '    [ZRX_MANIFEST_INVALID] The manifest at manifests[5] is not an object (got a number (42)), so it is ignored.',
        '      hint: Each manifest must be an object such as { "name": "music", "version": "1.0.0" }.',
      ].join('\n'),
    );
  });

  test('an empty plan says so', () => {
    expect(resolve([]).explain()).toBe('0 of 0 extensions will load; 0 skipped, 0 warnings.');
  });

  test('is computed once', () => {
    const plan = resolve([{ name: 'a', version: '1.0.0' }]);
    expect(plan.explain()).toBe(plan.explain());
  });
});
