import { describe, expect, it } from 'vitest';
import { OutputLog } from './outputs.js';

describe('OutputLog', () => {
  it('keeps positions stable while dropping the oldest entries beyond its limit', () => {
    const log = new OutputLog(3);
    for (let i = 0; i < 5; i += 1)
      log.push({ kind: 'defer', channelId: String(i), interactionId: null });
    expect(log.length).toBe(5);
    expect(log.since(3).map((o) => o.channelId)).toEqual(['3', '4']);
    expect(log.since(0).map((o) => o.channelId)).toEqual(['2', '3', '4']);
    expect(log.since(4).map((o) => o.seq)).toEqual([4]);
  });

  it('snapshots messages so later in-place edits do not rewrite history', () => {
    const log = new OutputLog();
    const message = { content: 'before' } as never as import('discord-api-types/v10').APIMessage;
    log.push({ kind: 'create', channelId: 'c', interactionId: null, message });
    message.content = 'after';
    expect(log.since(0)[0]?.message?.content).toBe('before');
  });

  it('wakes subscribers on every push until they unsubscribe', () => {
    const log = new OutputLog();
    let calls = 0;
    const stop = log.subscribe(() => {
      calls += 1;
    });
    log.push({ kind: 'defer', channelId: null, interactionId: null });
    stop();
    log.push({ kind: 'defer', channelId: null, interactionId: null });
    expect(calls).toBe(1);
  });
});
