import { createHash } from 'node:crypto';
import type { BotDatabase } from '../auth/sessions.js';
import type {} from '../tables.js';

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** One action to record. */
export interface AuditEntry {
  userId: string;
  role: string;
  /** The permission the action needs, e.g. `extensions.reload`. */
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  ip: string;
  userAgent: string;
  /** `ok`, `denied`, or `failed: <code>`. */
  result: string;
  requestId: string;
}

/** A stored audit row. */
export interface AuditRow {
  seq: number;
  at: number;
  userId: string;
  role: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  ip: string;
  userAgent: string;
  result: string;
  requestId: string;
  prevHash: string;
  hash: string;
}

type Unhashed = Omit<AuditRow, 'seq' | 'hash'>;

/** The hash of a row: SHA-256 over the previous hash and the row's fields, in a fixed order. */
export function hashRow(row: Unhashed): string {
  const fields = [
    row.prevHash,
    row.at,
    row.userId,
    row.role,
    row.action,
    row.target,
    row.before,
    row.after,
    row.ip,
    row.userAgent,
    row.result,
    row.requestId,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * The append-only audit log in the main database. Appends are serialised in this process so each
 * row carries the hash of the one before; {@link AuditLog.verify} walks the chain and names the
 * first row that was changed, removed or inserted out of band.
 */
export class AuditLog {
  #tail: Promise<unknown> = Promise.resolve();

  public constructor(
    private readonly db: BotDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends one entry; resolves with its row. */
  public append(entry: AuditEntry): Promise<AuditRow> {
    const run = async (): Promise<AuditRow> => {
      const last = await this.db.main
        .selectFrom('dashboard_audit')
        .select(['hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const row: Unhashed = {
        at: this.now(),
        userId: entry.userId,
        role: entry.role,
        action: entry.action,
        target: entry.target,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
        ip: entry.ip,
        userAgent: entry.userAgent.slice(0, 300),
        result: entry.result,
        requestId: entry.requestId,
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const hash = hashRow(row);
      const inserted = await this.db.main
        .insertInto('dashboard_audit')
        .values({
          at: row.at,
          user_id: row.userId,
          role: row.role,
          action: row.action,
          target: row.target,
          before: row.before,
          after: row.after,
          ip: row.ip,
          user_agent: row.userAgent,
          result: row.result,
          request_id: row.requestId,
          prev_hash: row.prevHash,
          hash,
        })
        .returning('seq')
        .executeTakeFirstOrThrow();
      return { ...row, seq: inserted.seq, hash };
    };
    const next = this.#tail.then(run, run);
    this.#tail = next.catch(() => undefined);
    return next;
  }

  /** One page of rows, newest first. */
  public async page(offset: number, limit: number): Promise<{ rows: AuditRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db.main
        .selectFrom('dashboard_audit')
        .selectAll()
        .orderBy('seq', 'desc')
        .offset(offset)
        .limit(limit)
        .execute(),
      this.db.main
        .selectFrom('dashboard_audit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ]);
    return { rows: rows.map(toRow), total: Number(count?.n ?? 0) };
  }

  /** Every row, oldest first (the JSON export). */
  public async all(): Promise<AuditRow[]> {
    const rows = await this.db.main
      .selectFrom('dashboard_audit')
      .selectAll()
      .orderBy('seq', 'asc')
      .execute();
    return rows.map(toRow);
  }

  /** Walks the chain: `{ ok: true }`, or the seq of the first row that does not fit. */
  public async verify(): Promise<{ ok: true; rows: number } | { ok: false; brokenAt: number }> {
    let prev = GENESIS_HASH;
    const rows = await this.all();
    for (const row of rows) {
      const { seq, hash, ...rest } = row;
      if (row.prevHash !== prev || hashRow(rest) !== hash) return { ok: false, brokenAt: seq };
      prev = hash;
    }
    return { ok: true, rows: rows.length };
  }
}

function toRow(r: {
  seq: number;
  at: number;
  user_id: string;
  role: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  ip: string;
  user_agent: string;
  result: string;
  request_id: string;
  prev_hash: string;
  hash: string;
}): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    userId: r.user_id,
    role: r.role,
    action: r.action,
    target: r.target,
    before: r.before,
    after: r.after,
    ip: r.ip,
    userAgent: r.user_agent,
    result: r.result,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
