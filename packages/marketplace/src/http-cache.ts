import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MarketplaceError } from './errors.js';

/** One cached registry answer: its body and the validator to revalidate it with. */
interface CachedAnswer {
  readonly url: string;
  readonly etag: string | null;
  readonly fetchedAt: string;
  readonly body: unknown;
}

/** A JSON answer, and whether it came from the cache because the registry was unreachable. */
export interface FetchedJson {
  readonly body: unknown;
  /** True when the network failed and a cached copy (of `fetchedAt`) was used instead. */
  readonly stale: boolean;
  readonly fetchedAt: string;
}

function keyOf(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 32);
}

/** Reasons fetch() fails without an HTTP answer: the registry is unreachable. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * GETs registry JSON with an on-disk cache: every answer is stored with its ETag, revalidated
 * with `If-None-Match` (a 304 costs no body), and used as is when the registry cannot be reached
 * (`stale: true`). Without a network and without a cached copy it throws `ZRX_MARKET_OFFLINE`.
 */
export class HttpCache {
  readonly #dir: string;
  readonly #timeoutMs: number;

  constructor(dir: string, timeoutMs = 15_000) {
    this.#dir = dir;
    this.#timeoutMs = timeoutMs;
  }

  async #read(url: string): Promise<CachedAnswer | undefined> {
    try {
      const parsed: CachedAnswer = JSON.parse(
        await readFile(join(this.#dir, `${keyOf(url)}.json`), 'utf8'),
      );
      return parsed.url === url ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async #write(answer: CachedAnswer): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const file = join(this.#dir, `${keyOf(answer.url)}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(answer));
    await rename(temp, file);
  }

  /** GETs `url` as JSON (`null` body for a 404). */
  async getJson(url: string, headers: Record<string, string> = {}): Promise<FetchedJson> {
    const cached = await this.#read(url);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          accept: 'application/json',
          ...headers,
          ...(cached?.etag ? { 'if-none-match': cached.etag } : {}),
        },
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      if (cached) return { body: cached.body, stale: true, fetchedAt: cached.fetchedAt };
      throw new MarketplaceError(
        'ZRX_MARKET_OFFLINE',
        `The registry could not be reached for ${url} (${networkReason(error)}) and nothing is cached for it.`,
        { cause: error },
      );
    }
    if (response.status === 304 && cached) {
      return { body: cached.body, stale: false, fetchedAt: new Date().toISOString() };
    }
    if (response.status === 404)
      return { body: null, stale: false, fetchedAt: new Date().toISOString() };
    if (!response.ok) {
      throw new MarketplaceError(
        'ZRX_MARKET_REGISTRY',
        `The registry answered HTTP ${response.status} for ${url}: ${(await response.text()).slice(0, 200)}`,
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new MarketplaceError(
        'ZRX_MARKET_REGISTRY',
        `The registry sent invalid JSON for ${url}.`,
        {
          cause: error,
        },
      );
    }
    const answer: CachedAnswer = {
      url,
      etag: response.headers.get('etag'),
      fetchedAt: new Date().toISOString(),
      body,
    };
    await this.#write(answer).catch(() => undefined);
    return { body, stale: false, fetchedAt: answer.fetchedAt };
  }

  /** GETs bytes (a tarball), cached by `key` (its integrity: tarballs never change). */
  async getBytes(url: string, key: string, headers: Record<string, string> = {}): Promise<Buffer> {
    const file = join(this.#dir, 'tarballs', `${keyOf(key)}.tgz`);
    try {
      return await readFile(file);
    } catch {
      // not cached yet
    }
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(this.#timeoutMs * 4) });
    } catch (error) {
      throw new MarketplaceError(
        'ZRX_MARKET_OFFLINE',
        `The registry could not be reached for ${url} (${networkReason(error)}).`,
        { cause: error },
      );
    }
    if (!response.ok) {
      throw new MarketplaceError(
        'ZRX_MARKET_REGISTRY',
        `The registry answered HTTP ${response.status} for ${url}.`,
      );
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    await mkdir(join(this.#dir, 'tarballs'), { recursive: true });
    await writeFile(file, bytes).catch(() => undefined);
    return bytes;
  }
}
