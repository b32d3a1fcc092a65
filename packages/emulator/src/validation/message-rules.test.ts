import { describe, expect, it } from 'vitest';
import { DiscordApiError } from '../rest/discord-error.js';
import { type MessageInput, validateMessage } from './message-rules.js';

function codeOf(input: MessageInput, creating = true): number | null {
  try {
    validateMessage(input, creating);
    return null;
  } catch (error) {
    return (error as DiscordApiError).code;
  }
}

describe('message rules', () => {
  it('accepts 2,000 characters and refuses 2,001', () => {
    expect(codeOf({ content: 'x'.repeat(2000) })).toBeNull();
    expect(codeOf({ content: 'x'.repeat(2001) })).toBe(50035);
  });

  it('refuses empty messages on create (50006) but allows clearing content on edit', () => {
    expect(codeOf({ content: '' })).toBe(50006);
    expect(codeOf({ content: '' }, false)).toBeNull();
    expect(codeOf({ embeds: [{ title: 'only an embed' }] })).toBeNull();
  });

  it('enforces embed field limits and 25 fields', () => {
    expect(codeOf({ embeds: [{ description: 'x'.repeat(4097) }] })).toBe(50035);
    expect(codeOf({ embeds: [{ footer: { text: 'x'.repeat(2049) } }] })).toBe(50035);
    expect(codeOf({ embeds: [{ fields: [{ name: 'n', value: 'x'.repeat(1025) }] }] })).toBe(50035);
    expect(
      codeOf({
        embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }],
      }),
    ).toBe(50035);
  });

  it('refuses more than 5 action rows or 5 buttons per row, but not in Components V2', () => {
    const row = { type: 1, components: [{ type: 2, custom_id: 'a', style: 1 }] };
    expect(codeOf({ content: 'x', components: Array.from({ length: 6 }, () => row) })).toBe(50035);
    expect(
      codeOf({
        content: 'x',
        components: [{ type: 1, components: Array.from({ length: 6 }, () => row.components[0]) }],
      }),
    ).toBe(50035);
    expect(
      codeOf({
        flags: 1 << 15,
        components: Array.from({ length: 6 }, () => ({ type: 10, content: 'text' })),
      }),
    ).toBeNull();
    expect(
      codeOf({ flags: 1 << 15, content: 'legacy', components: [{ type: 10, content: 'text' }] }),
    ).toBe(50035);
  });

  it('reports errors with the status Discord uses', () => {
    try {
      validateMessage({ content: 'x'.repeat(2001) }, true);
    } catch (error) {
      expect(error).toBeInstanceOf(DiscordApiError);
      expect((error as DiscordApiError).status).toBe(400);
    }
  });
});
