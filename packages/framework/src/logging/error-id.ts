import { randomBytes } from 'node:crypto';

// Crockford base32 without I, L, O, U: unambiguous when a user reads the id back to an operator.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short random id for one failure, shown to the user in the error reply and written in the
 * log line, so an operator can find the stack trace from a screenshot. 8 characters = 40 bits.
 *
 * @example
 * ```ts
 * const errorId = createErrorId(); // e.g. "7K3QX9PM"
 * logger.error({ err, errorId }, 'command failed');
 * ```
 */
export function createErrorId(): string {
  const bytes = randomBytes(8);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 31];
  return id;
}
