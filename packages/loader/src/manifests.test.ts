import { afterEach, describe, expect, it } from 'vitest';
import { extensionSource, probe, testHost, type Workspace, workspace } from '../test/helpers.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

describe('ExtensionHost definitionOf / manifests', () => {
  it('exposes the manifest part of loaded, failed, skipped and unloaded extensions', async () => {
    ws = await workspace();
    probe();
    await ws.write(
      'music.ts',
      extensionSource({
        name: 'music',
        version: '1.5.0',
        dependencies: { voice: '^2.0.0' },
        conflicts: { legacy: '>=1' },
        extra: "description: 'Plays music', author: 'dj', optionalDependencies: { lyrics: '*' },",
      }),
    );
    await ws.write('voice.ts', extensionSource({ name: 'voice', version: '2.4.1' }));
    await ws.write(
      'lonely.ts',
      extensionSource({ name: 'lonely', dependencies: { nowhere: '^1.0.0' } }),
    );
    await ws.write(
      'crashy.ts',
      extensionSource({ name: 'crashy', version: '0.3.0', setup: "throw new Error('boom');" }),
    );
    await ws.write('unreadable.ts', 'export default 42;');
    const { host } = testHost(ws);
    await host.boot();

    expect(host.definitionOf('music')).toEqual({
      name: 'music',
      version: '1.5.0',
      description: 'Plays music',
      author: 'dj',
      dependencies: { voice: '^2.0.0' },
      optionalDependencies: { lyrics: '*' },
      conflicts: { legacy: '>=1' },
    });
    expect(host.statusOf('lonely')?.state).toBe('skipped');
    expect(host.definitionOf('lonely')).toMatchObject({
      name: 'lonely',
      dependencies: { nowhere: '^1.0.0' },
    });
    expect(host.statusOf('crashy')?.state).toBe('failed');
    expect(host.definitionOf('crashy')?.version).toBe('0.3.0');
    expect(host.definitionOf('unreadable')).toBeUndefined();
    expect(host.definitionOf('never-seen')).toBeUndefined();
    expect(host.manifests().map((m) => m.name)).toEqual(['crashy', 'lonely', 'music', 'voice']);

    await host.unload('voice');
    expect(host.statusOf('music')?.state).toBe('unloaded');
    expect(host.definitionOf('music')?.version).toBe('1.5.0');
    await host.close();
  });

  it('follows the running version after a reload', async () => {
    ws = await workspace();
    probe();
    await ws.write('eco.ts', extensionSource({ name: 'eco', version: '1.0.0' }));
    const { host } = testHost(ws);
    await host.boot();
    expect(host.definitionOf('eco')?.version).toBe('1.0.0');
    await ws.write(
      'eco.ts',
      extensionSource({ name: 'eco', version: '1.1.0', conflicts: { old: '*' } }),
    );
    await host.reload('eco');
    expect(host.definitionOf('eco')).toMatchObject({ version: '1.1.0', conflicts: { old: '*' } });
    await host.close();
  });
});
