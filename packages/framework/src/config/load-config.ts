import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { FrameworkError } from '../errors.js';
import { configSchema, defaultConfig, type ZoryxConfig } from './schema.js';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Path of the config file; default `config.json` in the working directory. */
  path?: string;
  /** Create the file with the documented defaults when it is missing (default true). */
  create?: boolean;
}

/** What {@link loadConfig} found. */
export interface LoadedConfig {
  config: ZoryxConfig;
  /** Absolute path of the file that was read (or created). */
  path: string;
  /** True when the file did not exist and was created with defaults. */
  created: boolean;
}

/**
 * Reads and validates `config.json`. A missing file is created with every documented default;
 * a file that exists is never written, so invalid JSON or an invalid value throws a
 * {@link FrameworkError} (`ZRX_CONFIG_JSON` / `ZRX_CONFIG_INVALID`) naming the file and key path
 * and leaves the operator's bytes alone.
 *
 * @example
 * ```ts
 * const { config, created } = await loadConfig({ path: 'config.json' });
 * if (created) console.log('wrote config.json with defaults');
 * ```
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const path = resolve(options.path ?? 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || options.create === false) {
      throw new FrameworkError(
        'ZRX_CONFIG_INVALID',
        `Cannot read the config file ${path}: ${(error as Error).message}`,
        'Check that the path exists and is readable, or remove it to have defaults written.',
        { cause: error },
      );
    }
    const config = defaultConfig();
    const created = await writeIfAbsent(path, `${JSON.stringify(config, null, 2)}\n`);
    if (!created) return loadConfig({ ...options, create: false });
    return { config, path, created: true };
  }
  return { config: parseConfigText(text, path), path, created: false };
}

/**
 * Parses and validates config text; `file` only names the source in errors.
 * Throws `ZRX_CONFIG_JSON` for malformed JSON and `ZRX_CONFIG_INVALID` for bad values.
 */
export function parseConfigText(text: string, file = 'config.json'): ZoryxConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const where = jsonErrorLocation(text, (error as Error).message);
    throw new FrameworkError(
      'ZRX_CONFIG_JSON',
      `${file} is not valid JSON${where}: ${(error as Error).message}`,
      `Fix the syntax at that spot (trailing commas and comments are not allowed in JSON). The file was left untouched.`,
      { cause: error },
    );
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) throw configIssuesError(result.error.issues, file);
  return result.data;
}

function configIssuesError(issues: z.core.$ZodIssue[], file: string): FrameworkError {
  const lines = issues.map((issue) => {
    const keys =
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    const names = keys.map((k) => `"${k.map(String).join('.') || '(root)'}"`).join(', ');
    return `${names}: ${issue.message}`;
  });
  const first = issues[0];
  const firstKey = first ? first.path.map(String).join('.') : '';
  return new FrameworkError(
    'ZRX_CONFIG_INVALID',
    `${file} has ${issues.length} invalid value(s):\n  ${lines.join('\n  ')}`,
    `Correct ${firstKey ? `"${firstKey}"` : 'the listed keys'} in ${file} (see the config table in the @zoryx/framework README), or delete the key to use its default. The file was left untouched.`,
  );
}

function jsonErrorLocation(text: string, message: string): string {
  const match = /position (\d+)/.exec(message);
  if (!match) return '';
  const offset = Number(match[1]);
  const before = text.slice(0, offset).split('\n');
  return ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Writes `content` to `path` only if nothing is there, atomically (temp file + hard link). */
async function writeIfAbsent(path: string, content: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new FrameworkError(
      'ZRX_CONFIG_WRITE',
      `Cannot create the default config file ${path}: ${(error as Error).message}`,
      'Make the folder writable, or create the file yourself (an empty object {} is valid).',
      { cause: error },
    );
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
