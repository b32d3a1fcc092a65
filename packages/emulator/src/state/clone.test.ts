import { describe, expect, it } from 'vitest';
import { cloneData } from './clone.js';

describe('cloneData', () => {
  it('copies JSON-like data deeply, as structuredClone does', () => {
    const message = {
      id: '1',
      content: 'pong',
      nonce: undefined,
      author: { id: '2', bot: true, avatar: null },
      embeds: [{ fields: [{ name: 'a', value: 'b' }] }],
      components: [{ type: 1, components: [{ type: 2, custom_id: 'x' }] }],
    };
    const copy = cloneData(message);
    expect(copy).toStrictEqual(structuredClone(message));
    expect('nonce' in copy).toBe(true);
    message.author.id = 'changed';
    message.embeds[0]!.fields[0]!.name = 'changed';
    message.components.push({ type: 1, components: [] });
    expect(copy.author.id).toBe('2');
    expect(copy.embeds[0]?.fields[0]?.name).toBe('a');
    expect(copy.components).toHaveLength(1);
  });

  it('copies platform objects with structuredClone and survives cycles', () => {
    const at = new Date(0);
    const data = cloneData({ at, bytes: new Uint8Array([1, 2]) });
    expect(data.at).not.toBe(at);
    expect(data.at.getTime()).toBe(0);
    expect([...data.bytes]).toEqual([1, 2]);
    const cyclic: { name: string; self?: unknown } = { name: 'loop' };
    cyclic.self = cyclic;
    const copy = cloneData(cyclic);
    expect(copy).not.toBe(cyclic);
    expect(copy.self).toBe(copy);
  });
});
