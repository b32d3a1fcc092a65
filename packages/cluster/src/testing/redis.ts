import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { ClusterError } from '../errors.js';

/**
 * The Redis URL tests run against (`ZORYX_TEST_REDIS_URL`, from `scripts/services.sh`), or
 * undefined to skip. With `CI` set a missing URL is a failure, not a skip.
 */
export function redisTestUrl(): string | undefined {
  const url = process.env.ZORYX_TEST_REDIS_URL;
  if (url === undefined || url === '') {
    if (process.env.CI) {
      throw new ClusterError(
        'ZRX_CLUSTER_CONFIG',
        'ZORYX_TEST_REDIS_URL is not set but CI is.',
        'Start the services first: eval "$(bash scripts/services.sh start)".',
      );
    }
    return undefined;
  }
  return url;
}

/** A key prefix no other test (or test run) uses, so tests share one Redis safely. */
export function testPrefix(label: string): string {
  return `zt:${label}:${randomBytes(4).toString('hex')}`;
}

/** Connects a client for a test; `lazyConnect: false` so the first command fails fast if down. */
export function connect(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2 });
}
