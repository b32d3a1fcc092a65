import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, type ZoryxConfigInput } from '@zoryx/framework';

/**
 * What a test bot changes in any config: no log files, no hot reload (no file watchers in
 * tests), no status rotation timer. `config` passed to `createTestBot` may turn them back on.
 */
const TEST_DEFAULTS: ZoryxConfigInput = {
  autoReload: false,
  logging: { file: false },
  components: { statusRotation: false },
};

/**
 * The bot folder's `config.json` as written (validated by the framework, which throws its coded
 * `ZRX_CONFIG_*` errors naming the file); `{}` when the folder has none.
 */
export async function readFolderConfig(dir: string): Promise<ZoryxConfigInput> {
  const path = join(dir, 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  // Validation only: merging works on what the file says, not on the defaults filled in.
  await loadConfig({ path, create: false });
  const written: ZoryxConfigInput = JSON.parse(text);
  return written;
}

/** What {@link composeTestConfig} combines. */
export interface TestConfigParts {
  /** The folder's `config.json` (or `{}`). */
  readonly file: ZoryxConfigInput;
  /** The test's `config`, merged over the file and the test defaults. */
  readonly overrides: ZoryxConfigInput;
  /** Bot owners to add (the test bot's owner user). */
  readonly owners: readonly string[];
  /** Extension packages to add (the requested built-ins). */
  readonly packages: readonly string[];
  /** The data folder (absolute); always wins, so data never lands in the user's `data/`. */
  readonly dataDir: string;
}

/**
 * The config a test bot starts with: the file, then the test defaults, then the test's
 * `config`, merged deeply (objects key by key, arrays and other values replaced); then the
 * owners and built-in packages are added to the lists, and `data.dir` is set.
 */
export function composeTestConfig(parts: TestConfigParts): ZoryxConfigInput {
  const merged = mergeConfig(mergeConfig(parts.file, TEST_DEFAULTS), parts.overrides);
  return {
    ...merged,
    owners: unique([...(merged.owners ?? []), ...parts.owners]),
    data: { ...merged.data, dir: parts.dataDir },
    extensions: {
      ...merged.extensions,
      packages: unique([...(merged.extensions?.packages ?? []), ...parts.packages]),
    },
  };
}

/**
 * Deep merge of two configs: plain objects are merged key by key, anything else in `over`
 * (arrays included) replaces the value in `base`; `undefined` in `over` keeps `base`'s.
 */
export function mergeConfig(base: ZoryxConfigInput, over: ZoryxConfigInput): ZoryxConfigInput {
  // The config schema's input type is a tree of plain objects; merging it generically needs
  // the record view, and the result has the same shape as its inputs.
  return mergeRecords(base, over) as ZoryxConfigInput;
}

function mergeRecords(base: object, over: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] =
      isPlainObject(current) && isPlainObject(value) ? mergeRecords(current, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
