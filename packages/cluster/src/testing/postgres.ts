import { ClusterError } from '../errors.js';

/**
 * The PostgreSQL URL end-to-end tests run their workers on (`ZORYX_TEST_DATABASE_URL`, from
 * `scripts/services.sh`), or undefined to run them on SQLite. With `CI` set a missing URL is a
 * failure: CI must exercise PostgreSQL.
 */
export function databaseTestUrl(): string | undefined {
  const url = process.env.ZORYX_TEST_DATABASE_URL || undefined;
  if (process.env.CI && url === undefined) {
    throw new ClusterError(
      'ZRX_CLUSTER_CONFIG',
      'ZORYX_TEST_DATABASE_URL is not set but CI is.',
      'Start the services first: eval "$(bash scripts/services.sh start)".',
    );
  }
  return url;
}
