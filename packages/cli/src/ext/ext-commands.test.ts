import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { publishCheck } from '@zoryx/marketplace/engine';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';

let dir: string;
let out: string;
const io = () => {
  out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  return { stdin: process.stdin, stdout: sink, stderr: sink, env: {} as Record<string, string> };
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-new-package-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('zoryx ext and zoryx new extension --package', () => {
  it('scaffolds a package that passes publish-check once built', async () => {
    expect(
      await main(['new', 'extension', '@acme/zoryx-tickets', '--package', '--cwd', dir], io()),
    ).toBe(0);
    const folder = join(dir, 'zoryx-tickets');
    const pkg = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
    expect(pkg.keywords).toContain('zoryx-extension');
    expect(pkg.peerDependencies['@zoryx/framework']).toMatch(/^\^\d/);
    expect(pkg.scripts.prepublishOnly).toContain('zoryx ext publish-check');

    // Not built yet: the entry is missing, and publish-check says so with a coded error.
    expect(await main(['ext', 'publish-check', folder], io())).toBe(1);
    expect(out).toContain('✗ entry: The entry dist/index.js');
    expect(out).toContain('error ZRX_MARKET_PUBLISH_CHECK');

    // "Built": the source transpiled as tsc would, then the manifest is read in the sandbox.
    const source = await readFile(join(folder, 'src/index.ts'), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    await rm(join(folder, 'dist'), { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(folder, 'dist')));
    await writeFile(join(folder, 'dist/index.js'), js);
    await writeFile(join(folder, 'dist/index.d.ts'), 'export {};\n');
    const result = await publishCheck(folder);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.passed).toContain('defineExtension "zoryx-tickets" 0.1.0');
    expect(await main(['ext', 'publish-check', folder], io())).toBe(0);
    expect(out).toContain('@acme/zoryx-tickets@0.1.0 is ready to publish.');
  });

  it('never overwrites an existing folder', async () => {
    expect(await main(['new', 'extension', 'zoryx-polls', '--package', '--cwd', dir], io())).toBe(
      0,
    );
    expect(await main(['new', 'extension', 'zoryx-polls', '--package', '--cwd', dir], io())).toBe(
      1,
    );
    expect(out).toContain('error ZRX_MARKET_PACKAGE_EXISTS');
  });

  it('refuses unknown ext subcommands and options with usage errors', async () => {
    expect(await main(['ext', 'instal', 'x'], io())).toBe(1);
    expect(out).toContain('error ZRX_CLI_USAGE: Unknown subcommand "zoryx ext instal"');
    expect(await main(['ext', 'list', '--yes'], io())).toBe(1);
    expect(out).toContain('--yes is an option of zoryx ext remove only.');
  });

  it('reads the registry from npm_config_registry, and says so with a coded error when it is down', async () => {
    await writeFile(join(dir, 'package.json'), '{"name":"bot","private":true}\n');
    await writeFile(join(dir, 'config.json'), '{}\n');
    const streams = io();
    // A port that was free a moment ago: nothing listens, the connection is refused at once.
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    streams.env = {
      npm_config_registry: `http://127.0.0.1:${port}/`,
      npm_config_userconfig: join(dir, 'none'),
    };
    expect(await main(['ext', 'search', 'tickets', '--cwd', dir], streams)).toBe(1);
    expect(out).toContain(
      `error ZRX_MARKET_OFFLINE: The registry could not be reached for http://127.0.0.1:${port}/-/v1/search`,
    );
    expect(out).toContain('ECONNREFUSED');
  });
});
