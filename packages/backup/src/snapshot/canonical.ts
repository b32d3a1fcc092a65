import { createHash } from 'node:crypto';

/**
 * The canonical JSON of a value: object keys sorted (recursively), no whitespace, `undefined`
 * members dropped. Two snapshots with the same content have the same canonical text whatever
 * order their keys were built in, so the checksum does not depend on code paths.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

/** SHA-256 (64 hex) of bytes or text. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The full SHA-256 (64 hex; the original truncated it to 16) of a value's canonical JSON. */
export function checksumOf(value: unknown): string {
  return sha256(canonicalJson(value));
}
