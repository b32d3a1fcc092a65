import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from './errors.js';
import { newExtension } from './new-extension.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-cli-new-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return (error as CliError).code;
}

describe('newExtension', () => {
  it('writes extensions/<name>/index.ts with a command, a typed API and hook, and a config schema', async () => {
    const result = await newExtension({ cwd: dir, name: 'ticket-tools' });
    expect(result.relativeFile).toBe(join('extensions', 'ticket-tools', 'index.ts'));
    const source = await readFile(result.file, 'utf8');
    expect(source).toContain("name: 'ticket-tools'");
    expect(source).toContain('const ticketToolsCommand = defineCommand({');
    expect(source).toContain("declare module '@zoryx/framework'");
    expect(source).toContain("ctx.hooks.on('guild_joined'");
    expect(source).toContain('config: z.object(');
  });

  it("uses config.json's extensions.dir", async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ extensions: { dir: 'plugins' } }));
    const result = await newExtension({ cwd: dir, name: 'tickets' });
    expect(result.relativeFile).toBe(join('plugins', 'tickets', 'index.ts'));
  });

  it('refuses invalid names with a suggestion', async () => {
    for (const name of ['Tickets', 'my tickets', '1st', '', 'a'.repeat(33), 'ti.ckets']) {
      expect(await codeOf(newExtension({ cwd: dir, name }))).toBe('ZRX_CLI_INVALID_EXTENSION_NAME');
    }
    const error = await newExtension({ cwd: dir, name: 'My Tickets!' }).catch((e: CliError) => e);
    expect((error as CliError).hint).toBe('Try `zoryx new extension my-tickets`.');
  });

  it('never overwrites: an extension folder or file of that name exists', async () => {
    await newExtension({ cwd: dir, name: 'tickets' });
    const before = await readFile(join(dir, 'extensions', 'tickets', 'index.ts'), 'utf8');
    await writeFile(join(dir, 'extensions', 'tickets', 'index.ts'), '// mine');
    expect(await codeOf(newExtension({ cwd: dir, name: 'tickets' }))).toBe(
      'ZRX_CLI_EXTENSION_EXISTS',
    );
    expect(await readFile(join(dir, 'extensions', 'tickets', 'index.ts'), 'utf8')).toBe('// mine');
    expect(before).not.toBe('// mine');
    await mkdir(join(dir, 'extensions'), { recursive: true });
    await writeFile(join(dir, 'extensions', 'polls.ts'), '// single-file extension');
    expect(await codeOf(newExtension({ cwd: dir, name: 'polls' }))).toBe(
      'ZRX_CLI_EXTENSION_EXISTS',
    );
  });

  it('refuses a bot folder that does not exist', async () => {
    expect(await codeOf(newExtension({ cwd: join(dir, 'missing'), name: 'tickets' }))).toBe(
      'ZRX_CLI_BOT_FOLDER',
    );
  });
});
