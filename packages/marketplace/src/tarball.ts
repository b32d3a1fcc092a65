import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One regular file of a package tarball, path relative to the package root (`package/` stripped). */
export interface TarEntry {
  readonly path: string;
  readonly data: Buffer;
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/**
 * Reads the regular files of an npm package tarball (gzip + ustar, with GNU long names and pax
 * `path` records as npm writes them). No file is written and no code runs: this is what the
 * scorecard and the manifest sandbox look at before anything is installed.
 */
export function readTarball(gzipped: Buffer): TarEntry[] {
  const tar = gunzipSync(gzipped);
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 48);
    const prefix = field(header, 345, 155);
    const data = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'x') {
      const path = /\d+ path=([^\n]+)\n/.exec(data.toString('utf8'))?.[1];
      if (path) longName = path;
      continue;
    }
    const name =
      longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    if (type !== '0' && type !== '\0') continue;
    // npm packs everything under one top folder (usually `package/`).
    const path = name.split('/').slice(1).join('/');
    if (path) entries.push({ path, data: Buffer.from(data) });
  }
  return entries;
}

/** Writes the entries under `dir`, refusing paths that would escape it. */
export async function writeEntries(entries: readonly TarEntry[], dir: string): Promise<void> {
  for (const entry of entries) {
    const target = normalize(join(dir, entry.path));
    if (!target.startsWith(`${normalize(dir)}${sep}`)) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, entry.data);
  }
}
