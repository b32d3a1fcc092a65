import { describe, expect, it } from 'vitest';
import { replyNonces } from './reply-nonces.js';

/** The bodies `replyNonces` hands on, in order (the network side is not needed to see them). */
function capture() {
  const bodies: Record<string, unknown>[] = [];
  const send = replyNonces(async (_url, init) => {
    bodies.push(JSON.parse(String(init.body)) as Record<string, unknown>);
    return new Response('{}');
  });
  const reply = (ref: string, content: string) =>
    send('http://127.0.0.1/api/v10/channels/1/messages', {
      method: 'POST',
      body: JSON.stringify({ content, message_reference: { message_id: ref } }),
    });
  return { bodies, reply };
}

describe('replyNonces', () => {
  it('numbers further replies to one message and keeps the nonce of a retried request', async () => {
    const { bodies, reply } = capture();
    await reply('42', 'first');
    await reply('42', 'second');
    await reply('42', 'first'); // the REST client retrying the first request after a timeout
    await reply('7', 'other');
    expect(bodies.map((b) => [b.nonce, b.enforce_nonce])).toEqual([
      ['42', true],
      ['42.2', true],
      ['42', true],
      ['7', true],
    ]);
  });

  it('gives a re-run on another worker the same nonces in the same order', async () => {
    const first = capture();
    const rerun = capture();
    for (const worker of [first, rerun]) {
      await worker.reply('9', 'a');
      await worker.reply('9', 'b');
    }
    expect(rerun.bodies.map((b) => b.nonce)).toEqual(first.bodies.map((b) => b.nonce));
  });
});
