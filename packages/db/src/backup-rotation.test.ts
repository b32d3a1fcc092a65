import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  backupFailure,
  listBackupFiles,
  nextBackupPath,
  pruneOldest,
  stamp,
} from './backup-rotation.js';
import { DbError } from './errors.js';
import { tempDir } from './testing/temp-dir.js';

// The naming and pruning both backends' backups share, on real files; each backend's own suite
// covers how its copies are produced and checked.
describe('backup rotation', () => {
  let tmp: ReturnType<typeof tempDir>;
  const at = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
  const NAME = /^\d{8}T\d{9}Z(_\d{2})?\.json$/;

  beforeEach(() => {
    tmp = tempDir('rotation');
  });
  afterEach(() => tmp.cleanup());

  it('names a backup by its time and numbers collisions', () => {
    expect(stamp(at)).toBe('20260102T030405006Z');
    const first = nextBackupPath(tmp.dir, [], at, '.json');
    expect(first).toBe(join(tmp.dir, '20260102T030405006Z.json'));
    const second = nextBackupPath(tmp.dir, [first], at, '.json');
    expect(second).toBe(join(tmp.dir, '20260102T030405006Z_01.json'));
    expect(nextBackupPath(tmp.dir, [first, second], at, '.json')).toBe(
      join(tmp.dir, '20260102T030405006Z_02.json'),
    );
  });

  it('lists matching files oldest first, none for a missing directory', () => {
    for (const name of ['20260102T000000000Z.json', '20260101T000000000Z.json', 'notes.txt'])
      writeFileSync(join(tmp.dir, name), '{}');
    expect(listBackupFiles(tmp.dir, NAME)).toEqual([
      join(tmp.dir, '20260101T000000000Z.json'),
      join(tmp.dir, '20260102T000000000Z.json'),
    ]);
    expect(listBackupFiles(join(tmp.dir, 'missing'), NAME)).toEqual([]);
  });

  it('keeps only the newest files when pruning', () => {
    const files = [1, 2, 3, 4].map((day) => join(tmp.dir, `2026010${day}T000000000Z.json`));
    for (const file of files) writeFileSync(file, '{}');
    pruneOldest(files, 2);
    expect(readdirSync(tmp.dir).sort()).toEqual([
      '20260103T000000000Z.json',
      '20260104T000000000Z.json',
    ]);
  });

  it('removes the partial copy of a failed backup and wraps foreign errors', () => {
    const partial = join(tmp.dir, 'copy.partial');
    writeFileSync(partial, 'half');
    const error = backupFailure(new Error('disk full'), partial, 'main', 'target.json');
    expect(existsSync(partial)).toBe(false);
    expect(error.code).toBe('ZRX_DB_BACKUP');
    expect(error.message).toContain('Backup of main to target.json failed: Error: disk full.');
    expect(error.cause).toBeInstanceOf(Error);

    const own = new DbError('ZRX_DB_INPUT', 'already coded');
    writeFileSync(partial, 'half');
    expect(backupFailure(own, partial, 'main', 'target.json', 'a hint')).toBe(own);
    expect(existsSync(partial)).toBe(false);
  });
});
