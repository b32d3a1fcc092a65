import { describe, expect, test } from 'vitest';
import { CreateError } from './create-error';
import { projectPackageJson, publishedRange } from './package-json';

describe('publishedRange', () => {
  test.each([
    ['workspace:^', '^1.2.3'],
    ['workspace:~', '~1.2.3'],
    ['workspace:*', '1.2.3'],
    ['workspace:^1.0.0', '^1.0.0'],
    ['workspace:>=1 <3', '>=1 <3'],
  ])('%s with 1.2.3 → %s', (range, expected) => {
    expect(publishedRange(range, '1.2.3')).toBe(expected);
  });
});

describe('projectPackageJson', () => {
  const versions = new Map([['@zoryx/framework', '0.3.0']]);

  test('name, version and private come first; monorepo fields go; other fields keep their order', () => {
    const out = projectPackageJson(
      {
        name: '@zoryx/template-default',
        version: '9.9.9',
        private: false,
        type: 'module',
        author: 'Zoryx',
        repository: 'x',
        scripts: { dev: 'zoryx dev' },
        dependencies: { '@zoryx/framework': 'workspace:^', 'discord.js': '^14.0.0' },
        files: ['dist'],
      },
      'my-bot',
      versions,
      'default',
    );
    expect(out).toEqual({
      name: 'my-bot',
      version: '0.1.0',
      private: true,
      type: 'module',
      scripts: { dev: 'zoryx dev' },
      dependencies: { '@zoryx/framework': '^0.3.0', 'discord.js': '^14.0.0' },
    });
    expect(Object.keys(out)).toEqual([
      'name',
      'version',
      'private',
      'type',
      'scripts',
      'dependencies',
    ]);
  });

  test('a workspace dependency without a recorded version is a coded error naming it', () => {
    const call = () =>
      projectPackageJson(
        { devDependencies: { '@zoryx/emulator': 'workspace:^' } },
        'b',
        versions,
        'default',
      );
    expect(call).toThrow(CreateError);
    expect(call).toThrow(/Template "default" depends on @zoryx\/emulator@workspace:\^/);
  });
});
