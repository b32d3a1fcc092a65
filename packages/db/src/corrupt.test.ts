import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from './database.js';
import type { DbError } from './errors.js';
import { readNote, useNotes, writeNote } from './testing/notes-table.js';
import { guildId, tempDir } from './testing/temp-dir.js';

describe('corrupt database files', () => {
  let tmp: ReturnType<typeof tempDir>;

  beforeEach(() => {
    tmp = tempDir('corrupt');
  });
  afterEach(() => tmp.cleanup());

  it('reports a corrupt guild file with its path, leaves it untouched, keeps other guilds working', async () => {
    const db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    await useNotes(db);
    await writeNote(db, guildId(2), 'prefix', 'ok');
    const file = join(tmp.dir, 'guilds', `${guildId(1)}.db`);
    const garbage = Buffer.from('this is not a database '.repeat(500));
    writeFileSync(file, garbage);
    const before = statSync(file).mtimeMs;

    const error = (await db.guild(guildId(1)).catch((e: unknown) => e)) as DbError;
    expect(error).toMatchObject({ code: 'ZRX_DB_CORRUPT' });
    expect(error.message).toContain(file);
    await expect(readNote(db, guildId(1), 'prefix')).rejects.toMatchObject({
      code: 'ZRX_DB_CORRUPT',
    });

    expect(readFileSync(file).equals(garbage)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(before);
    expect(db.stats()).toMatchObject({ inFlight: 0 });
    expect(await readNote(db, guildId(2), 'prefix')).toBe('ok');
    await writeNote(db, guildId(3), 'prefix', 'new');
    expect(await readNote(db, guildId(3), 'prefix')).toBe('new');
    await db.close();
  });

  it('reports a damaged page inside an otherwise valid file when it is read', async () => {
    const db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    const id = guildId(4);
    const guild = await db.guild(id);
    await guild.schema.createTable('big').addColumn('body', 'text').execute();
    for (let i = 0; i < 50; i += 1) {
      await guild
        .insertInto('big' as never)
        .values({ body: 'x'.repeat(2_000) } as never)
        .execute();
    }
    await db.close();
    const file = join(tmp.dir, 'guilds', `${id}.db`);
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096 * 3, 4096 * 6); // scribble over pages 4–6, keep the header
    writeFileSync(file, bytes);

    const reopened = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    // Page 1 is intact, so opening may succeed; reading the damaged pages must not.
    const error = await reopened
      .guild(id)
      .then((g) =>
        g
          .selectFrom('big' as never)
          .selectAll()
          .execute(),
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ code: 'ZRX_DB_CORRUPT' });
    expect((error as DbError).message).toContain(file);
    await reopened.close();
  });

  it('throws ZRX_DB_CORRUPT from createDatabase when main.db is corrupt', () => {
    writeFileSync(join(tmp.dir, 'main.db'), 'garbage'.repeat(1_000));
    expect(() => createDatabase({ dir: tmp.dir })).toThrow(
      expect.objectContaining({ code: 'ZRX_DB_CORRUPT' }),
    );
  });
});
