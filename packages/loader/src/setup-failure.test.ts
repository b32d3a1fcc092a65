import { afterEach, describe, expect, it } from 'vitest';
import { extensionSource, probe, testHost, type Workspace, workspace } from '../test/helpers.js';
import type { ExtensionInfo } from './host-options.js';
import { LoaderError } from './index.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

/** What a host such as @zoryx/framework throws from afterSetup: its own coded error. */
class HostError extends Error {
  readonly code = 'ZRX_PIECE_CONFLICT';
  readonly hint = 'Rename the command "ping" in one of the two extensions.';
}

const refuse = (when: (info: ExtensionInfo) => boolean) => (info: ExtensionInfo) => {
  if (when(info)) throw new HostError(`command "ping" of "${info.name}" is already registered`);
};

describe('a failing setup keeps the cause', () => {
  it('a coded error from afterSetup: status shows its code as causeCode and its hint; cause is the original', async () => {
    ws = await workspace();
    probe();
    await ws.write('dup.ts', extensionSource({ name: 'dup' }));
    let thrown: unknown;
    const { host } = testHost(ws, {
      afterSetup: (info) => {
        thrown = new HostError(`command "ping" of "${info.name}" is already registered`);
        throw thrown;
      },
    });
    const report = await host.boot();
    expect(report.failed).toEqual(['dup']);
    const lastError = host.statusOf('dup')?.lastError;
    expect(lastError).toMatchObject({
      code: 'ZRX_EXT_SETUP_FAILED',
      causeCode: 'ZRX_PIECE_CONFLICT',
      hint: 'Rename the command "ping" in one of the two extensions.',
    });
    expect(lastError?.message).toBe(
      `The host's afterSetup for extension "dup" threw ZRX_PIECE_CONFLICT: command "ping" of "dup" is already registered`,
    );
    expect(report.summary).toContain('ZRX_EXT_SETUP_FAILED');

    const error = await host.load('dup').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoaderError);
    expect(error).toMatchObject({ code: 'ZRX_EXT_SETUP_FAILED', extension: 'dup' });
    expect((error as LoaderError).cause).toBe(thrown);
    await host.close();
  });

  it('an uncoded error from setup: no causeCode, the loader hint', async () => {
    ws = await workspace();
    probe();
    await ws.write(
      'plain.ts',
      extensionSource({ name: 'plain', setup: 'throw new Error("nope");' }),
    );
    const { host } = testHost(ws);
    await host.boot();
    const lastError = host.statusOf('plain')?.lastError;
    expect(lastError).toMatchObject({ code: 'ZRX_EXT_SETUP_FAILED', causeCode: undefined });
    expect(lastError?.message).toBe('Setup of extension "plain" threw: nope');
    expect(lastError?.hint).toContain('Fix the error in setup(ctx)');
    await host.close();
  });

  it('a coded error from afterSetup during a reload: RELOAD_FAILED with the host code as causeCode', async () => {
    ws = await workspace();
    probe();
    await ws.write('dup.ts', extensionSource({ name: 'dup', version: '1.0.0' }));
    const { host, bus, events } = testHost(ws, {
      afterSetup: refuse((info) => info.version === '2.0.0'),
    });
    await host.boot();
    await ws.write('dup.ts', extensionSource({ name: 'dup', version: '2.0.0' }));
    const error = await host.reload('dup').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ZRX_EXT_RELOAD_FAILED' });
    expect((error as LoaderError).message).toContain('(ZRX_EXT_SETUP_FAILED)');
    expect((error as LoaderError).message).toContain('ZRX_PIECE_CONFLICT');
    const status = host.statusOf('dup');
    expect(status).toMatchObject({ state: 'loaded', version: '1.0.0' });
    expect(status?.lastError).toMatchObject({
      code: 'ZRX_EXT_RELOAD_FAILED',
      causeCode: 'ZRX_PIECE_CONFLICT',
      hint: 'Rename the command "ping" in one of the two extensions.',
    });
    await bus.drain();
    expect(events.find((e) => e.event === 'extension_reload_failed')?.payload).toMatchObject({
      error: { code: 'ZRX_EXT_SETUP_FAILED' },
    });
    await host.close();
  });
});
