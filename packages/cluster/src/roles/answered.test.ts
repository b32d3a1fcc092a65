import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BusEvent } from '../bus/wire.js';
import { AnswerTracker } from './answered.js';

function event(type: string, data: unknown): BusEvent {
  return { entryId: '1-0', id: `0:s:${type}`, type, shardId: 0, publishedAt: 0, data };
}

describe('answer tracker', () => {
  it('holds an interaction until its callback and a message until a reply to it', async () => {
    const tracker = new AnswerTracker({ interactionMs: 60_000, messageMs: 60_000 });
    const done: string[] = [];
    const interaction = tracker
      .settled(event('INTERACTION_CREATE', { id: '111' }))
      ?.then(() => done.push('i'));
    const message = tracker
      .settled(event('MESSAGE_CREATE', { id: '222', author: { bot: false } }))
      ?.then(() => done.push('m'));
    tracker.onResponse({ path: '/channels/9/messages', data: { body: { content: 'hi' } } });
    await Promise.resolve();
    expect(done).toEqual([]);
    tracker.onResponse({ path: '/interactions/111/token/callback' });
    tracker.onResponse({
      path: '/channels/9/messages',
      data: { body: { message_reference: { message_id: '222' } } },
    });
    await Promise.all([interaction, message]);
    expect(done.sort()).toEqual(['i', 'm']);
  });

  it("does not hold other events or the bot's own messages, and gives up at the deadline", async () => {
    const tracker = new AnswerTracker({ interactionMs: 60_000, messageMs: 10 });
    expect(tracker.settled(event('GUILD_MEMBER_ADD', { id: '1' }))).toBeUndefined();
    expect(
      tracker.settled(event('MESSAGE_CREATE', { id: '2', author: { bot: true } })),
    ).toBeUndefined();
    await expect(
      tracker.settled(event('MESSAGE_CREATE', { id: '3', author: {} })),
    ).resolves.toBeUndefined();
  });

  it('holds a prefixed message until the framework finished its command, past the short deadline', async () => {
    const tracker = new AnswerTracker({ messageMs: 10, commandMs: 60_000 });
    const client = new EventEmitter();
    tracker.watch(client);
    const message = { id: '5', channelId: '9' };
    let done = false;
    const settled = tracker.settled(event('MESSAGE_CREATE', { id: '5', author: {} }))?.then(() => {
      done = true;
    });
    client.emit('prefixedMessage', message, '!');
    await new Promise((resolve) => setTimeout(resolve, 50)); // past messageMs
    expect(done).toBe(false);
    client.emit('messageCommandFinish', message, {}, {});
    await settled;
    expect(done).toBe(true);
  });

  it('does not hold a message or interaction the framework was done with before it was registered', () => {
    const tracker = new AnswerTracker();
    const client = new EventEmitter();
    tracker.watch(client);
    client.emit('nonPrefixedMessage', { id: '6', channelId: '9' });
    client.emit('unknownChatInputCommand', { interaction: { id: '7' }, context: {} });
    expect(tracker.settled(event('MESSAGE_CREATE', { id: '6', author: {} }))).toBeUndefined();
    expect(tracker.settled(event('INTERACTION_CREATE', { id: '7' }))).toBeUndefined();
  });

  it('does not take a 429 or 5xx answer for an answer (the REST client retries it)', async () => {
    const tracker = new AnswerTracker({ messageMs: 60_000 });
    let done = false;
    const settled = tracker.settled(event('MESSAGE_CREATE', { id: '8', author: {} }))?.then(() => {
      done = true;
    });
    const reply = {
      path: '/channels/9/messages',
      data: { body: { message_reference: { message_id: '8' } } },
    };
    tracker.onResponse(reply, 429);
    tracker.onResponse(reply, 503);
    await Promise.resolve();
    expect(done).toBe(false);
    tracker.onResponse(reply, 200);
    await settled;
    expect(done).toBe(true);
  });

  it("holds a prefix command the framework's fallback runs until it succeeded", async () => {
    const tracker = new AnswerTracker({ messageMs: 60_000, commandMs: 60_000 });
    const client = new EventEmitter();
    tracker.watch(client);
    const message = { id: '10', channelId: '9' };
    let done = false;
    const settled = tracker.settled(event('MESSAGE_CREATE', { id: '10', author: {} }))?.then(() => {
      done = true;
    });
    client.emit('prefixedMessage', message, '!');
    client.emit('commandDoesNotHaveMessageCommandHandler', { message, prefix: '!' });
    await Promise.resolve();
    expect(done).toBe(false);
    client.emit('messageCommandSuccess', { message, command: {}, context: {} });
    await settled;
    expect(done).toBe(true);
  });

  it('gives back what the bot has not finished once the worker stops, and new events at once', async () => {
    const tracker = new AnswerTracker({ interactionMs: 60_000, messageMs: 60_000 });
    const answered = tracker.settled(event('INTERACTION_CREATE', { id: '10' }));
    const unfinished = tracker.settled(event('INTERACTION_CREATE', { id: '11' }));
    const message = tracker.settled(event('MESSAGE_CREATE', { id: '12', author: {} }));
    tracker.onResponse({ path: '/interactions/10/token/callback' });
    await expect(answered).resolves.toBeUndefined();
    expect(tracker.held).toBe(2);
    tracker.release();
    await expect(unfinished).rejects.toMatchObject({ code: 'ZRX_CLUSTER_WORK_RELEASED' });
    await expect(message).rejects.toMatchObject({ code: 'ZRX_CLUSTER_WORK_RELEASED' });
    expect(tracker.held).toBe(0);
    await expect(tracker.settled(event('INTERACTION_CREATE', { id: '13' }))).rejects.toMatchObject({
      code: 'ZRX_CLUSTER_WORK_RELEASED',
    });
    // Events the tracker never holds are still not held.
    expect(tracker.settled(event('GUILD_MEMBER_ADD', { id: '14' }))).toBeUndefined();
  });
});
