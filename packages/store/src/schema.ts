import type { StandardSchemaV1 } from '@standard-schema/spec';
import { StoreError } from './errors.js';

/** Renders a Standard Schema issue path as `guilds[0].prefix` (or `(root)`). */
export function formatIssuePath(issuePath: StandardSchemaV1.Issue['path']): string {
  if (issuePath === undefined || issuePath.length === 0) return '(root)';
  let out = '';
  for (const segment of issuePath) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'symbol') out += `[${key.toString()}]`;
    else out += out.length === 0 ? key : `.${key}`;
  }
  return out;
}

/**
 * Validates `value` with any Standard Schema (zod, valibot, arktype…). Resolves the schema's
 * output, or throws `ZRX_STORE_SCHEMA` naming the file and the failing path.
 */
export async function validateWithSchema<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
  key: string,
): Promise<T> {
  let result = schema['~standard'].validate(value);
  if (result instanceof Promise) result = await result;
  if (result.issues === undefined) return result.value;
  const [first] = result.issues;
  const where = formatIssuePath(first?.path);
  const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more issues)` : '';
  throw new StoreError(
    'ZRX_STORE_SCHEMA',
    `Store file "${key}" does not match its schema at ${where}: ${first?.message ?? 'invalid'}${more}.`,
    `Fix the value at ${where} in "${key}" (or migrate old data before validating it).`,
    { file: key, cause: result.issues },
  );
}
