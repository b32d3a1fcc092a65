import type pg from 'pg';
import { DbError } from '../errors.js';
import { quoteIdent } from './dialect.js';

/** The format tag of a logical backup file (JSON). */
export const LOGICAL_FORMAT = 'zoryx-pg-logical';

/** One column as exported: enough to recreate the table without the migrations that made it. */
interface ExportedColumn {
  name: string;
  /** `format_type` output, e.g. `bigint`, `text`, `character varying(20)`. */
  type: string;
  notNull: boolean;
  /** The default expression, or null; sequence defaults are dropped (identity columns are kept). */
  default: string | null;
  identity: boolean;
}

/** One table: columns, table constraints (`pg_get_constraintdef`), extra indexes, rows. */
interface ExportedTable {
  name: string;
  columns: ExportedColumn[];
  constraints: string[];
  indexes: string[];
  rows: unknown[][];
}

/**
 * A logical export of one schema (a guild's or the main one): no `pg_dump` needed, one JSON file
 * a backup extension can read, copy or ship anywhere. Values are JSON; `bytea` is
 * `{ "$bytes": base64 }`.
 */
export interface LogicalBackup {
  format: typeof LOGICAL_FORMAT;
  version: 1;
  /** The schema it was taken from. */
  schema: string;
  /** Milliseconds since the epoch. */
  takenAt: number;
  tables: ExportedTable[];
}

function encodeValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { $bytes: value.toString('base64') };
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function decodeValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$bytes' in value) {
    return Buffer.from(String((value as { $bytes: unknown }).$bytes), 'base64');
  }
  // pg would send a JS array as a PostgreSQL array literal; arrays here come from json columns.
  if (Array.isArray(value) || (value !== null && typeof value === 'object'))
    return JSON.stringify(value);
  return value;
}

/** Reads every table of `schema` on `client` (inside one repeatable-read snapshot). */
export async function exportSchema(
  client: pg.PoolClient,
  schema: string,
  takenAt: number,
): Promise<LogicalBackup> {
  await client.query('begin isolation level repeatable read read only');
  try {
    const tables = await client.query<{ oid: number; name: string }>(
      `select c.oid, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relkind = 'r' order by c.relname`,
      [schema],
    );
    const out: ExportedTable[] = [];
    for (const { oid, name } of tables.rows) {
      const columns = await client.query<{
        name: string;
        type: string;
        notnull: boolean;
        def: string | null;
        identity: string;
      }>(
        `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
                a.attnotnull as notnull, pg_get_expr(d.adbin, d.adrelid) as def, a.attidentity as identity
         from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
         where a.attrelid = $1 and a.attnum > 0 and not a.attisdropped order by a.attnum`,
        [oid],
      );
      const constraints = await client.query<{ def: string }>(
        `select pg_get_constraintdef(oid) as def from pg_constraint
         where conrelid = $1 and contype in ('p', 'u', 'c') order by contype, conname`,
        [oid],
      );
      const indexes = await client.query<{ def: string }>(
        `select pg_get_indexdef(i.indexrelid) as def from pg_index i
         where i.indrelid = $1 and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
        [oid],
      );
      const data = await client.query({
        text: `select * from ${quoteIdent(schema)}.${quoteIdent(name)}`,
        rowMode: 'array',
      });
      out.push({
        name,
        columns: columns.rows.map((c) => ({
          name: c.name,
          type: c.type,
          notNull: c.notnull,
          default: c.def?.includes('nextval(') ? null : c.def,
          identity: c.identity !== '',
        })),
        constraints: constraints.rows.map((c) => c.def),
        // Recreated under whatever schema the restore targets.
        indexes: indexes.rows.map((i) => i.def.replace(` ON ${quoteIdent(schema)}.`, ' ON ')),
        rows: (data.rows as unknown[][]).map((row) => row.map(encodeValue)),
      });
    }
    await client.query('commit');
    return { format: LOGICAL_FORMAT, version: 1, schema, takenAt, tables: out };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/** Throws `ZRX_DB_BACKUP` unless `value` is a logical backup this version can restore. */
export function assertLogicalBackup(value: unknown, file: string): asserts value is LogicalBackup {
  const backup = value as Partial<LogicalBackup> | null;
  const ok =
    backup !== null &&
    typeof backup === 'object' &&
    backup.format === LOGICAL_FORMAT &&
    backup.version === 1 &&
    Array.isArray(backup.tables) &&
    backup.tables.every(
      (t) =>
        typeof t?.name === 'string' &&
        Array.isArray(t.columns) &&
        Array.isArray(t.rows) &&
        t.rows.every((r) => Array.isArray(r) && r.length === t.columns.length),
    );
  if (!ok) {
    throw new DbError(
      'ZRX_DB_BACKUP',
      `Backup ${file} is not a complete zoryx PostgreSQL logical backup (format ${LOGICAL_FORMAT}, version 1).`,
      'Pass a file written by db.backup() on the PostgreSQL backend; SQLite .db backups restore on SQLite only.',
    );
  }
}

/**
 * Replaces `schema` with the backup's tables and rows, all in the caller's transaction on
 * `client` (so a failed restore leaves the old data in place).
 */
export async function importSchema(
  client: pg.PoolClient,
  schema: string,
  backup: LogicalBackup,
): Promise<void> {
  const s = quoteIdent(schema);
  await client.query(`drop schema if exists ${s} cascade`);
  await client.query(`create schema ${s}`);
  for (const table of backup.tables) {
    const t = `${s}.${quoteIdent(table.name)}`;
    const columns = table.columns.map((c) =>
      [
        quoteIdent(c.name),
        c.type,
        c.identity ? 'generated by default as identity' : '',
        c.default !== null && !c.identity ? `default ${c.default}` : '',
        c.notNull ? 'not null' : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
    await client.query(`create table ${t} (${[...columns, ...table.constraints].join(', ')})`);
    for (const index of table.indexes) {
      await client.query(`set local search_path to ${s}`);
      await client.query(index);
    }
    const names = table.columns.map((c) => quoteIdent(c.name)).join(', ');
    for (let at = 0; at < table.rows.length; at += 500) {
      const chunk = table.rows.slice(at, at + 500);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => {
        const marks = row.map((value) => {
          params.push(decodeValue(value));
          return `$${params.length}`;
        });
        return `(${marks.join(', ')})`;
      });
      await client.query(
        `insert into ${t} (${names}) overriding system value values ${tuples.join(', ')}`,
        params,
      );
    }
    for (const c of table.columns.filter((col) => col.identity)) {
      await client.query(
        `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quoteIdent(c.name)}) from ${t}), 0) + 1, false)`,
        [t, c.name],
      );
    }
  }
}
