import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegistryClient } from './registry-client.js';

let cacheDir: string;
let server: Server;
let registry: string;
let requests: { url: string; ifNoneMatch: string | undefined }[];

const packument = {
  name: 'zx-shop',
  description: 'a shop',
  'dist-tags': { latest: '1.2.0' },
  time: { '1.0.0': '2026-01-01T00:00:00.000Z', '1.2.0': '2026-02-01T00:00:00.000Z' },
  versions: {
    '1.0.0': {
      name: 'zx-shop',
      version: '1.0.0',
      keywords: ['zoryx-extension'],
      dist: { tarball: 'x' },
    },
    '1.2.0': {
      name: 'zx-shop',
      version: '1.2.0',
      license: 'MIT',
      keywords: ['zoryx-extension'],
      types: 'index.d.ts',
      peerDependencies: { '@zoryx/framework': '^0.1.0' },
      scripts: { postinstall: 'node setup.js' },
      dist: {
        tarball: 'y',
        integrity: 'sha512-abc',
        attestations: { provenance: { predicateType: 'https://slsa.dev/provenance/v1' } },
      },
    },
  },
};

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'zoryx-registry-test-'));
  requests = [];
  server = createServer((req, res) => {
    const header = req.headers['if-none-match'];
    requests.push({
      url: req.url ?? '',
      ifNoneMatch: typeof header === 'string' ? header : undefined,
    });
    if (req.url === '/zx-shop') {
      if (header === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json', etag: '"v1"' })
        .end(JSON.stringify(packument));
      return;
    }
    res.writeHead(404).end('{}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

const client = () =>
  new RegistryClient({ config: { registry, scopes: {}, tokens: {} }, cacheDir, timeoutMs: 2_000 });

describe('RegistryClient', () => {
  it('reads versions, the Zoryx range, install scripts, types and provenance', async () => {
    const { info, version } = await client().resolveVersion('zx-shop', '^1.0.0');
    expect(info.versions).toEqual(['1.0.0', '1.2.0']);
    expect(info.weeklyDownloads).toBeUndefined();
    expect(version).toMatchObject({
      version: '1.2.0',
      zoryxRange: '^0.1.0',
      hasInstallScript: true,
      declaresTypes: true,
      provenance: true,
      license: 'MIT',
    });
    expect((await client().resolveVersion('zx-shop', '~1.0.0')).version.version).toBe('1.0.0');
    await expect(client().resolveVersion('zx-shop', '^2')).rejects.toMatchObject({
      code: 'ZRX_MARKET_NOT_FOUND',
    });
    await expect(client().info('zx-missing')).rejects.toMatchObject({
      code: 'ZRX_MARKET_NOT_FOUND',
    });
  });

  it('revalidates with the ETag, and serves the cached copy when the registry is unreachable', async () => {
    await client().info('zx-shop');
    await client().info('zx-shop');
    expect(requests.filter((r) => r.url === '/zx-shop').map((r) => r.ifNoneMatch)).toEqual([
      undefined,
      '"v1"',
    ]);
    await new Promise<void>((done) => server.close(() => done()));
    server.closeAllConnections();
    const offline = await client().info('zx-shop');
    expect(offline.stale).toBe(true);
    expect(offline.distTags.latest).toBe('1.2.0');
    await expect(client().info('zx-never-fetched')).rejects.toMatchObject({
      code: 'ZRX_MARKET_OFFLINE',
    });
  });
});
