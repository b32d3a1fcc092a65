import { HookBus } from '@zoryx/hooks';
import { describe, expect, it } from 'vitest';
import { describeAlert, historyLine, hookField } from './hook-format.js';

describe('hook formatting', () => {
  it('describes a real hook with its metrics and breaker', async () => {
    const bus = new HookBus({ breaker: { failures: 2 } });
    bus.on(
      'command_error',
      () => {
        throw new Error('nope');
      },
      { id: 'ext:fails', priority: 5, owner: 'ext' },
    );
    const payload = {
      commandName: 'x',
      kind: 'slash' as const,
      userId: '1',
      guildId: null,
      channelId: null,
      error: { name: 'Error', message: 'x' },
      errorId: '7K3QX9PM',
    };
    await bus.emitAndWait('command_error', payload);
    await bus.emitAndWait('command_error', payload);
    const [hook] = bus.hooks();
    const field = hookField(hook!);
    expect(field.name).toBe('ext:fails');
    expect(field.value).toContain('priority 5 · owner ext');
    expect(field.value).toContain('calls 2 · failures 2');
    expect(field.value).toContain('🔴 open');
    const [record] = bus.history();
    expect(historyLine(record!)).toMatch(
      /^❌ `command_error` · 0 ok, 1 failed · .* · `ext:fails` error$/,
    );
    await bus.close();
  });

  it('posts breaker, queue and dispatcher alerts, not closures or drops', () => {
    expect(
      describeAlert({
        type: 'breaker_opened',
        hookId: 'a:b',
        event: 'e',
        failures: 5,
        openMs: 60_000,
        lastError: 'x',
      })?.description,
    ).toContain('eh_reset_circuit a:b');
    expect(describeAlert({ type: 'queue_full', event: 'e', capacity: 1000 })?.title).toBe(
      'Hook queue full',
    );
    expect(
      describeAlert({ type: 'dispatcher_restarted', attempt: 1, delayMs: 10, error: 'boom' })
        ?.level,
    ).toBe('error');
    expect(
      describeAlert({ type: 'breaker_closed', hookId: 'a', event: 'e', reason: 'reset' }),
    ).toBeUndefined();
  });
});
