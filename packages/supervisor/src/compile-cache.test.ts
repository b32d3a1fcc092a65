import * as nodeModule from 'node:module';
import { describe, expect, it } from 'vitest';
import { type CompileCacheApi, enableCompileCache } from './compile-cache.js';

const STATUS = { FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 };

/** Node 22's API shape, recording the folders it was asked for. */
function node22(status: number, directory = '/tmp/cache'): CompileCacheApi & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    enableCompileCache: (dir?: string) => {
      asked.push(dir);
      return { status, directory, ...(status === STATUS.FAILED ? { message: 'EACCES' } : {}) };
    },
    constants: { compileCacheStatus: STATUS },
  };
}

describe('enableCompileCache', () => {
  it("enables it in Node's default folder, or the one ZORYX_COMPILE_CACHE names", () => {
    const api = node22(STATUS.ENABLED);
    expect(enableCompileCache({}, api, {})).toEqual({ status: 'enabled', directory: '/tmp/cache' });
    expect(enableCompileCache({ ZORYX_COMPILE_CACHE: '/data/cc' }, api, {}).status).toBe('enabled');
    expect(api.asked).toEqual([undefined, '/data/cc']);
  });

  it('does not touch the cache when opted out', () => {
    const api = node22(STATUS.ENABLED);
    for (const off of ['off', '0', 'false', 'no', 'OFF']) {
      expect(enableCompileCache({ ZORYX_COMPILE_CACHE: off }, api)).toEqual({ status: 'off' });
    }
    expect(api.asked).toEqual([]);
  });

  it("reports Node's own answers: already on, disabled by NODE_DISABLE_COMPILE_CACHE, failed", () => {
    expect(enableCompileCache({}, node22(STATUS.ALREADY_ENABLED), {}).status).toBe('enabled');
    expect(enableCompileCache({}, node22(STATUS.DISABLED), {}).status).toBe('off');
    expect(enableCompileCache({}, node22(STATUS.FAILED), {})).toEqual({
      status: 'failed',
      message: 'EACCES',
    });
  });

  it('hands the folder it enabled to later threads through NODE_COMPILE_CACHE, never over a set one', () => {
    const later: Record<string, string | undefined> = {};
    enableCompileCache({}, node22(STATUS.ENABLED, '/tmp/cc'), later);
    expect(later.NODE_COMPILE_CACHE).toBe('/tmp/cc');
    const own = { NODE_COMPILE_CACHE: '/mine' };
    enableCompileCache({}, node22(STATUS.ENABLED, '/tmp/cc'), own);
    expect(own.NODE_COMPILE_CACHE).toBe('/mine');
    // Already on (e.g. by NODE_COMPILE_CACHE): Node answers with its versioned subfolder.
    const already: Record<string, string | undefined> = {};
    enableCompileCache({}, node22(STATUS.ALREADY_ENABLED, '/tmp/cc/v22'), already);
    expect(already.NODE_COMPILE_CACHE).toBeUndefined();
  });

  it('is a no-op on a Node without the cache (Node 20)', () => {
    expect(enableCompileCache({}, {})).toEqual({ status: 'unavailable' });
  });

  it('answers for the Node running this test', () => {
    const has = typeof (nodeModule as CompileCacheApi).enableCompileCache === 'function';
    const result = enableCompileCache({ ZORYX_COMPILE_CACHE: undefined }, undefined, {});
    if (has) expect(['enabled', 'failed', 'off']).toContain(result.status);
    else expect(result).toEqual({ status: 'unavailable' });
  });
});
