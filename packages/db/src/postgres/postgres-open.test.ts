import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../database.js';
import { freshPostgresDatabase, postgresTestUrl } from '../testing/backends.js';
import { readNote, useNotes, writeNote } from '../testing/notes-table.js';
import { guildId } from '../testing/temp-dir.js';

/**
 * A guild's open on PostgreSQL (connect, create and migrate its schema) is asynchronous like
 * SQLite's: the first uses of a guild that race share it, and one that failed is not kept —
 * the next use connects again. The server is reached through a loopback relay this test can
 * make refuse connections, so the failure is a real connection failure.
 */
const url = postgresTestUrl();

/**
 * Relays TCP to `target`. `refuse()` cuts the connections it relays and drops each new one at
 * once until `accept()`.
 */
function relay(target: URL): {
  server: Server;
  refuse: () => void;
  accept: () => void;
  port: () => number;
} {
  const refusing = { on: false };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (refusing.on) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  server.on('close', () => {
    for (const socket of sockets) socket.destroy();
  });
  return {
    server,
    refuse: () => {
      refusing.on = true;
      for (const socket of sockets) socket.destroy();
    },
    accept: () => {
      refusing.on = false;
    },
    port: () => {
      const address = server.address();
      return typeof address === 'object' && address !== null ? address.port : 0;
    },
  };
}

describe.skipIf(url === undefined)('postgres guild open', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let proxy: ReturnType<typeof relay>;

  beforeAll(async () => {
    database = await freshPostgresDatabase(url as string, 'pgopen');
    proxy = relay(new URL(database.url));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    proxy?.server.close();
    await database?.drop();
  });

  it('does not keep a failed open: every racing use gets ZRX_DB_OPEN, the next use connects', async () => {
    const through = new URL(database.url);
    through.hostname = '127.0.0.1';
    through.port = String(proxy.port());
    const db = createDatabase({
      dialect: 'postgres',
      connectionString: through.toString(),
      poolSize: 1,
    });
    try {
      proxy.refuse(); // before the first use: the pool has no connection yet
      const failed = await Promise.allSettled([
        db.guild(guildId(1)),
        db.guild(guildId(1)),
        writeNote(db, guildId(1), 'prefix', '!'),
      ]);
      for (const outcome of failed) {
        expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'ZRX_DB_OPEN' } });
      }
      proxy.accept();
      await useNotes(db);
      await writeNote(db, guildId(1), 'prefix', '!');
      expect(await readNote(db, guildId(1), 'prefix')).toBe('!');
      expect(db.stats()).toMatchObject({ openGuilds: 1, misses: 1 });
    } finally {
      await db.close();
    }
  });
});
