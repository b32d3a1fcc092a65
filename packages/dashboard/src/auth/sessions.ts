import type { ExtensionContext } from '@zoryx/framework';
import type {} from '../tables.js';
import { hashSecret, newSecret } from './tokens.js';

/** The bot's databases, as an extension sees them. */
export type BotDatabase = ExtensionContext['db'];

/** A live session, as a request sees it. */
export interface Session {
  /** The hash of the cookie's id (the table key; safe to show and log). */
  readonly key: string;
  readonly userId: string;
  readonly userName: string;
  readonly method: 'link' | 'oauth';
  readonly csrf: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly ip: string;
  readonly userAgent: string;
}

/** What a new session is made of. */
export interface NewSession {
  userId: string;
  userName: string;
  method: 'link' | 'oauth';
  ip: string;
  userAgent: string;
  oauthToken?: string;
}

/**
 * Sessions in the bot's main database, so they survive a restart. The cookie carries a random id;
 * the table keeps its SHA-256 only. Sliding expiry: each use pushes `expires_at` forward.
 */
export class SessionStore {
  public constructor(
    private readonly db: BotDatabase,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a session; resolves with the cookie id (shown once) and the session. */
  public async create(input: NewSession): Promise<{ id: string; session: Session }> {
    const id = newSecret();
    const now = this.now();
    const row = {
      id_hash: hashSecret(id),
      user_id: input.userId,
      user_name: input.userName,
      method: input.method,
      csrf: newSecret(),
      created_at: now,
      expires_at: now + this.ttlMs,
      last_seen_at: now,
      revoked_at: null,
      ip: input.ip,
      user_agent: input.userAgent.slice(0, 300),
      oauth_token: input.oauthToken ?? null,
    };
    await this.db.main.insertInto('dashboard_sessions').values(row).execute();
    return { id, session: toSession(row) };
  }

  /** The live session of a cookie id, or `null` (unknown, revoked or expired). Slides the expiry. */
  public async resolve(id: string): Promise<Session | null> {
    const key = hashSecret(id);
    const row = await this.db.main
      .selectFrom('dashboard_sessions')
      .selectAll()
      .where('id_hash', '=', key)
      .executeTakeFirst();
    const now = this.now();
    if (!row || row.revoked_at !== null || row.expires_at <= now) return null;
    // Written at most once a minute: a page with live updates must not write on every request.
    if (now - row.last_seen_at > 60_000) {
      await this.db.main
        .updateTable('dashboard_sessions')
        .set({ last_seen_at: now, expires_at: now + this.ttlMs })
        .where('id_hash', '=', key)
        .execute();
    }
    return toSession(row);
  }

  /** Revokes one session by key; resolves whether one was live. */
  public async revoke(key: string): Promise<boolean> {
    const result = await this.db.main
      .updateTable('dashboard_sessions')
      .set({ revoked_at: this.now() })
      .where('id_hash', '=', key)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes every live session of a user; resolves how many. */
  public async revokeUser(userId: string): Promise<number> {
    const result = await this.db.main
      .updateTable('dashboard_sessions')
      .set({ revoked_at: this.now() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Live sessions, newest first (for the sessions page). */
  public async list(): Promise<Session[]> {
    const rows = await this.db.main
      .selectFrom('dashboard_sessions')
      .selectAll()
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', this.now())
      .orderBy('created_at', 'desc')
      .limit(200)
      .execute();
    return rows.map(toSession);
  }
}

function toSession(row: {
  id_hash: string;
  user_id: string;
  user_name: string;
  method: string;
  csrf: string;
  created_at: number;
  expires_at: number;
  ip: string;
  user_agent: string;
}): Session {
  return {
    key: row.id_hash,
    userId: row.user_id,
    userName: row.user_name,
    method: row.method === 'oauth' ? 'oauth' : 'link',
    csrf: row.csrf,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}
