import { describe, expect, it } from 'vitest';
import { IntakeLimiter, type IntakeRules } from './intake-limiter.js';

describe('IntakeLimiter', () => {
  const rules: IntakeRules = {
    commandsPerUser: { limit: 3, windowSeconds: 10 },
    unknownCommandReplies: { limit: 1, windowSeconds: 30 },
  };

  it('admits `limit` commands per window, notifies once, then stays silent until the window ends', () => {
    let now = 0;
    const limiter = new IntakeLimiter(
      () => rules,
      () => now,
    );
    for (let i = 0; i < 3; i += 1) expect(limiter.take('commands', 'u1')).toEqual({ ok: true });
    now = 4_000;
    expect(limiter.take('commands', 'u1')).toEqual({
      ok: false,
      notify: true,
      retryAfterMs: 6_000,
    });
    expect(limiter.take('commands', 'u1')).toEqual({
      ok: false,
      notify: false,
      retryAfterMs: 6_000,
    });
    expect(limiter.take('commands', 'u2')).toEqual({ ok: true });
    now = 10_000;
    expect(limiter.take('commands', 'u1')).toEqual({ ok: true });
    expect(limiter.stats()).toEqual({
      commandsLimited: 2,
      noticesSent: 1,
      unknownRepliesSuppressed: 0,
      windows: 2,
      shared: false,
      sharedFailures: 0,
    });
  });

  it('never notifies about suppressed unknown-command replies, and counts them apart', () => {
    const limiter = new IntakeLimiter(
      () => rules,
      () => 0,
    );
    expect(limiter.take('unknownReplies', 'u1').ok).toBe(true);
    expect(limiter.take('unknownReplies', 'u1')).toMatchObject({ ok: false, notify: false });
    expect(limiter.take('commands', 'u1').ok).toBe(true);
    expect(limiter.stats()).toMatchObject({ commandsLimited: 0, unknownRepliesSuppressed: 1 });
  });

  it('counts one invocation once, however often it is asked', () => {
    const limiter = new IntakeLimiter(
      () => rules,
      () => 0,
    );
    const message = {};
    for (let i = 0; i < 5; i += 1) expect(limiter.admitCommand(message, 'u1').ok).toBe(true);
    expect(limiter.take('commands', 'u1').ok).toBe(true);
    expect(limiter.take('commands', 'u1').ok).toBe(true);
    const fourth = {};
    expect(limiter.admitCommand(fourth, 'u1')).toMatchObject({ ok: false, notify: true });
    expect(limiter.admitCommand(fourth, 'u1')).toMatchObject({ ok: false, notify: true });
    expect(limiter.stats().noticesSent).toBe(1);
  });

  it('reads the rules on every call: false switches a limit off', () => {
    let current: IntakeRules = rules;
    const limiter = new IntakeLimiter(
      () => current,
      () => 0,
    );
    for (let i = 0; i < 3; i += 1) limiter.take('commands', 'u1');
    expect(limiter.take('commands', 'u1').ok).toBe(false);
    current = { ...rules, commandsPerUser: false };
    for (let i = 0; i < 50; i += 1) expect(limiter.take('commands', 'u1').ok).toBe(true);
  });

  it('sweeps expired windows', () => {
    let now = 0;
    const limiter = new IntakeLimiter(
      () => rules,
      () => now,
    );
    for (let i = 0; i < 100; i += 1) limiter.take('commands', `u${i}`);
    expect(limiter.stats().windows).toBe(100);
    now = 120_000;
    limiter.take('commands', 'late');
    expect(limiter.stats().windows).toBe(1);
  });
});
