import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory and its cleanup, for tests with real SQLite files. */
export function tempDir(label: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `zoryx-db-${label}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The `n`th test guild id: a valid 18-digit snowflake. */
export function guildId(n: number): string {
  return String(100_000_000_000_000_000n + BigInt(n));
}
