import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultConfig } from '@zoryx/framework';
import { closest } from './did-you-mean.js';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The keys of a bot's config.json that are no setting of the framework, each with the setting it
 * most likely meant: `unknown key "prefx" — did you mean "prefix"?`. Sections whose default is an
 * empty object (`extensions.config`, command overrides…) are maps of the user's own names and are
 * not checked. A missing or malformed file gives no lines (the framework reports those).
 */
export async function unknownConfigKeys(cwd: string, file = 'config.json'): Promise<string[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(cwd, file), 'utf8'));
  } catch {
    return [];
  }
  const lines: string[] = [];
  const walk = (value: unknown, defaults: unknown, path: string[]) => {
    if (!isPlain(value) || !isPlain(defaults)) return;
    const known = Object.keys(defaults);
    if (known.length === 0) return;
    for (const key of Object.keys(value)) {
      if (key === '$schema') continue;
      const where = [...path, key].join('.');
      if (!known.includes(key)) {
        const guess = closest(key, known);
        lines.push(
          `${file}: unknown key "${where}"${guess ? ` — did you mean "${[...path, guess].join('.')}"?` : ''}`,
        );
        continue;
      }
      walk(value[key], defaults[key], [...path, key]);
    }
  };
  walk(raw, defaultConfig(), []);
  return lines;
}
