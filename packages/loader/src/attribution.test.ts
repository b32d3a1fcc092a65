import { afterEach, describe, expect, it } from 'vitest';
import { extensionSource, probe, testHost, type Workspace, workspace } from '../test/helpers.js';
import {
  currentExtension,
  extensionOfStack,
  followAsync,
  outsideExtension,
  runAsExtension,
} from './attribution.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

// Each place records what currentExtension() answers there.
const ATTRIBUTED = `
  const { currentExtension } = require('@zoryx/loader');
  const seen = (where: string) => probe.calls.push(where + '=' + (currentExtension() ?? 'host'));
  seen('setup');
  setTimeout(() => seen('timer'), 1);
  Promise.resolve().then(() => seen('promise'));
  ctx.hooks.on('ping', () => seen('hook'));
  ctx.schedule.after(1, () => seen('job'));
  return { makeError: () => new Error('from the extension') };
`;

describe('running-extension attribution', () => {
  it('names the extension in its top level, setup, timers, promises, hook handlers and jobs', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await ws.write(
      'alpha/index.ts',
      extensionSource({
        name: 'alpha',
        top: `probe.calls.push('top=' + (require('@zoryx/loader').currentExtension() ?? 'host'));`,
        setup: ATTRIBUTED,
      }),
    );
    const activity: (string | null)[] = [];
    const { host, bus } = testHost(ws, { activity: (name) => void activity.push(name) });
    await host.boot();
    await bus.emitAndWait('ping' as never, {} as never);
    while (calls.filter((c) => c.startsWith('timer') || c.startsWith('job')).length < 2) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(calls.filter((c) => c.includes('='))).toEqual(
      expect.arrayContaining([
        'top=alpha',
        'setup=alpha',
        'promise=alpha',
        'timer=alpha',
        'hook=alpha',
        'job=alpha',
      ]),
    );
    expect(currentExtension()).toBeUndefined();
    // Entered and left again, synchronously: the sink ends on "nothing runs".
    expect(activity).toContain('alpha');
    expect(activity.at(-1)).toBeNull();
    expect(activity.filter((a) => a === 'alpha').length).toBe(
      activity.filter((a) => a === null).length,
    );

    const api = host.get('alpha') as { makeError(): Error };
    expect(host.extensionOfError(api.makeError())).toBe('alpha');
    expect(host.extensionOfError(new Error('from the host'))).toBeUndefined();
    expect(host.extensionOfError('not an error')).toBeUndefined();
  });

  it('runs host operations as the host, even when an extension asks for them', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await ws.write(
      'beta.ts',
      extensionSource({
        name: 'beta',
        setup: `probe.calls.push('setup=' + (require('@zoryx/loader').currentExtension() ?? 'host'));`,
      }),
    );
    const seen: (string | undefined)[] = [];
    const { host } = testHost(ws, {
      createContext: () => {
        seen.push(currentExtension());
        // The host fields declared for the type tests (definition.test-d.ts).
        return { client: { id: 'host' } };
      },
    });
    await runAsExtension('caller', () => host.load('beta'));
    expect(seen).toEqual([undefined]);
    expect(calls).toContain('setup=beta');
  });

  it('restores the outer extension on exit and runs host work outside any', () => {
    const activity: (string | null)[] = [];
    const sink = (name: string | null) => void activity.push(name);
    const inner = runAsExtension(
      'outer',
      () => [
        runAsExtension('inner', () => currentExtension(), sink),
        outsideExtension(() => currentExtension()),
        currentExtension(),
      ],
      sink,
    );
    expect(inner).toEqual(['inner', undefined, 'outer']);
    expect(activity).toEqual(['outer', 'inner', 'outer', null]);
  });

  it('names an async function after its first await while followed, and stops after it settles', async () => {
    const activity: string[] = [];
    const sink = (name: string | null) => void activity.push(String(name));
    const body = async (label: string) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      activity.push(`${label}:${currentExtension()}`);
    };
    const followed = runAsExtension('late', () => body('followed'), sink);
    followAsync(followed, sink);
    await followed;
    // The continuation after the await ran with the sink naming the extension, then cleared.
    const at = activity.indexOf('followed:late');
    expect(activity.slice(0, 2)).toEqual(['late', 'null']);
    expect(activity[at - 1]).toBe('late');
    expect(activity[at + 1]).toBe('null');
    // Not followed (and nothing else pending): only the synchronous stretch is told.
    activity.length = 0;
    await runAsExtension('late', () => body('unfollowed'), sink);
    expect(activity).toEqual(['late', 'null', 'unfollowed:late']);
  });

  it('reads file paths and file URLs from stack frames', () => {
    const locations = [
      { name: 'single', entry: '/bot/extensions/single.ts', folder: null },
      { name: 'multi', entry: '/bot/extensions/multi/index.ts', folder: '/bot/extensions/multi' },
    ];
    const at = (...frames: string[]) => ({ stack: ['Error: x', ...frames].join('\n') });
    expect(extensionOfStack(at('    at run (/bot/extensions/single.ts:3:9)'), locations)).toBe(
      'single',
    );
    expect(
      extensionOfStack(
        at(
          '    at node:internal/process/task_queues:95:5',
          '    at async file:///bot/extensions/multi/lib/util.js:1:2',
        ),
        locations,
      ),
    ).toBe('multi');
    expect(extensionOfStack(at('    at /bot/extensions/singleton.ts:1:1'), locations)).toBe(
      undefined,
    );
  });
});
