import { BackupError } from './errors.js';

/** The longest text a backup keeps in each field, in characters. */
export const TEXT_LIMITS = { note: 500, label: 100 } as const;

/** Throws `ZRX_BACKUP_INPUT` when `value` (absent is fine) is longer than its field allows. */
export function assertTextLength(field: keyof typeof TEXT_LIMITS, value: string | undefined): void {
  const max = TEXT_LIMITS[field];
  if (value !== undefined && value.length > max) {
    throw new BackupError(
      'ZRX_BACKUP_INPUT',
      `A ${field} has at most ${max} characters (got ${value.length}).`,
    );
  }
}
