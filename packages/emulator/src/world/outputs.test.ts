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

  it('wakes subscribers with the outputs of their interaction or channel until they unsubscribe', () => {
    const log = new OutputLog();
    const heard: string[] = [];
    const stop = log.subscribe((output) => heard.push(`${output.seq}`), {
      interactionId: 'i1',
      channelId: 'c1',
    });
    const seqs: string[] = [];
    log.subscribe((output) => seqs.push(`${output.seq}`), { interactionId: null, channelId: null });
    log.push({ kind: 'defer', channelId: 'c1', interactionId: 'i1' }); // 0: its interaction
    log.push({ kind: 'create', channelId: 'c1', interactionId: null }); // 1: plain, its channel
    log.push({ kind: 'create', channelId: 'c1', interactionId: 'i2' }); // 2: another interaction
    log.push({ kind: 'create', channelId: 'c2', interactionId: null }); // 3: another channel
    log.push({ kind: 'create', channelId: 'c2', interactionId: 'i1' }); // 4: its interaction
    stop();
    log.push({ kind: 'create', channelId: 'c1', interactionId: 'i1' }); // 5: after stop
    expect(heard).toEqual(['0', '1', '4']);
    expect(seqs).toEqual([]);
  });
});
