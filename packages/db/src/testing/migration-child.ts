// Run in a child process by crash.test.ts: starts a migration that writes a lot (enough to spill
// uncommitted pages into the WAL), reports "halfway" on stdout, then waits to be SIGKILLed.
import { sql } from 'kysely';
import { createDatabase } from '../database.js';
import { DbError } from '../errors.js';

const dir = process.argv[2];
if (dir === undefined) {
  throw new DbError('ZRX_DB_INPUT', 'migration-child got no <dir> argument', 'Pass the data dir.');
}
const db = createDatabase({ dir, backups: { onClose: false } });
await db.registerMigrations('crashy', 'main', {
  '0001_ok': {
    async up(trx) {
      await sql`create table before_crash (id integer primary key)`.execute(trx);
    },
  },
  '0002_killed': {
    async up(trx) {
      await sql`create table crash_table (id integer primary key, body text)`.execute(trx);
      for (let i = 0; i < 20_000; i += 1) {
        await sql`insert into crash_table (body) values (${'x'.repeat(200)})`.execute(trx);
      }
      process.stdout.write('halfway\n');
      await new Promise(() => {}); // never settles: the parent kills us here
    },
  },
});
