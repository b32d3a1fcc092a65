import { join, resolve } from 'node:path';
import {
  type BuiltinName,
  type CreateTestBotOptions,
  createTestBot,
  type TestBot,
} from '@zoryx/testing';

/** This package's TypeScript sources. */
const SRC = resolve(import.meta.dirname, '..', 'src');

/** Options of {@link startBuiltinsBot}: `createTestBot`'s, and which built-ins to load how. */
export interface BuiltinsBotOptions extends Omit<CreateTestBotOptions, 'builtins'> {
  /** Built-in extensions to enable. */
  extensions: readonly BuiltinName[];
  /**
   * `source` (default): each built-in is loaded from `src/<name>/index.ts` through a one-line
   * extension file, so tests run the code under test without a build, through the loader path
   * an npm-package extension takes. `package`: the way a bot loads them, as
   * `@zoryx/builtins/<name>` from the built `dist/` (createTestBot's `builtins`).
   */
  source?: 'source' | 'package';
}

/**
 * `createTestBot` with this package's built-ins enabled (one bot per test file).
 *
 * @example
 * ```ts
 * const t = await startBuiltinsBot({ extensions: ['core'] });
 * const reply = await t.member.slash(t.guild, 'help').reply();
 * await t.close();
 * ```
 */
export function startBuiltinsBot({
  extensions,
  source = 'source',
  ...options
}: BuiltinsBotOptions): Promise<TestBot> {
  if (source === 'package') return createTestBot({ ...options, builtins: extensions });
  const entries = Object.fromEntries(
    extensions.map((name) => [
      `extensions/${name}.ts`,
      `export { default } from ${JSON.stringify(join(SRC, name, 'index.ts'))};\n`,
    ]),
  );
  return createTestBot({ ...options, files: { ...entries, ...options.files } });
}
