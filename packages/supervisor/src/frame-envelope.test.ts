import { describe, expect, it } from 'vitest';
import { readEnvelope } from './frame-envelope.js';

describe("a gateway frame's envelope read from its text", () => {
  it('reads op, t and s written before d, in any order, as JSON.parse would', () => {
    const d = { id: '1', content: '{"op":1,"t":"X"} "d": ünï 🎉' };
    const frames = [
      { t: 'MESSAGE_CREATE', s: 42, op: 0, d },
      { op: 0, t: 'INTERACTION_CREATE', s: 7, d },
      { s: 900_000_000_001, op: 0, t: 'GUILD_SOUNDBOARD_SOUNDS_UPDATE', d },
      { op: 11, t: null, s: null, d: null },
      { t: null, s: null, op: 10, d: { heartbeat_interval: 41_250 } },
    ];
    for (const frame of frames) {
      const text = JSON.stringify(frame);
      const parsed = JSON.parse(text);
      expect(readEnvelope(text)).toEqual({ op: parsed.op, t: parsed.t, s: parsed.s });
    }
  });

  it('gives null for any other shape, so the frame is parsed whole', () => {
    const texts = [
      '',
      '[]',
      '{"d":{},"t":"MESSAGE_CREATE","s":1,"op":0}', // d first
      '{"op":0,"d":{},"t":"MESSAGE_CREATE","s":1}', // d before t and s
      '{ "t":"MESSAGE_CREATE","s":1,"op":0,"d":{}}', // whitespace
      '{"t":"MESSAGE_CREATE","s":1,"op":0, "d":{}}',
      '{"t":"MESSAGE_CREATE","s":1,"x":0,"d":{}}', // another key
      '{"t":"MESSAGE_CREATE","t":"READY","s":1,"d":{}}', // a key twice
      '{"t":"MESSAGE\\u005fCREATE","s":1,"op":0,"d":{}}', // an escape
      '{"t":"MESSAGE_CREATE","s":-1,"op":0,"d":{}}',
      '{"t":"MESSAGE_CREATE","s":1.5,"op":0,"d":{}}',
      '{"t":"MESSAGE_CREATE","s":01,"op":0,"d":{}}',
      '{"t":"MESSAGE_CREATE","s":1234567890123456,"op":0,"d":{}}', // past 15 digits
      '{"t":"MESSAGE_CREATE","s":1,"op":null,"d":{}}',
      '{"t":"","s":1,"op":0,"d":{}}',
      '{"t":"MESSAGE_CREATE","s":1,"op":0}', // no d
      '{"t":"MESSAGE_CREATE","s":1,"op":0,"d"', // cut short
      '{"t":"MESSAGE_CREATE',
    ];
    for (const text of texts) expect(readEnvelope(text), text).toBeNull();
  });
});
