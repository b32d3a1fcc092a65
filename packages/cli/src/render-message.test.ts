import { describe, expect, it } from 'vitest';
import { renderMessage } from './render-message.js';

const message = (parts: Partial<Parameters<typeof renderMessage>[0]>) => ({
  content: '',
  embeds: [],
  components: [],
  ...parts,
});

describe('renderMessage', () => {
  it('prints plain content as it is, with no actions', () => {
    expect(renderMessage(message({ content: 'Pong! 3 ms' }))).toEqual({
      text: 'Pong! 3 ms',
      actions: [],
    });
  });

  it('boxes an embed: author · title, description lines, fields, footer', () => {
    const { text } = renderMessage(
      message({
        embeds: [
          {
            author: { name: 'Zoryx' },
            title: 'Help',
            description: 'All commands\nby category',
            fields: [
              { name: 'core', value: 'help, stats' },
              { name: 'fun', value: 'roll\nflip' },
            ],
            footer: { text: 'page 1/2' },
          },
        ],
      }),
    );
    expect(text).toBe(
      [
        '┌ Zoryx · Help',
        '│ All commands',
        '│ by category',
        '│ core: help, stats',
        '│ fun: ',
        '│   roll',
        '│   flip',
        '└ page 1/2',
      ].join('\n'),
    );
  });

  it('numbers buttons and selects across rows, lists options, and marks disabled ones', () => {
    const { text, actions } = renderMessage(
      message({
        content: 'Pick one',
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: 1, custom_id: 'prev', label: 'Previous', disabled: true },
              { type: 2, style: 1, custom_id: 'next', label: 'Next', emoji: { name: '▶' } },
              { type: 2, style: 5, url: 'https://zoryx.dev', label: 'Docs' },
            ],
          },
          {
            type: 1,
            components: [
              {
                type: 3,
                custom_id: 'category',
                placeholder: 'Category',
                options: [
                  { value: 'core', label: 'core' },
                  { value: 'mod', label: 'Moderation' },
                ],
              },
            ],
          },
          { type: 1, components: [{ type: 5, custom_id: 'who', placeholder: 'A user' }] },
        ],
      }),
    );
    expect(text).toBe(
      [
        'Pick one',
        '  [1] Previous (disabled)',
        '  [2] ▶ Next',
        '  [link] Docs → https://zoryx.dev',
        '  [3] ▾ Category: core | mod (Moderation)',
        '  [4] ▾ A user: a user, role or channel id',
      ].join('\n'),
    );
    expect(actions.map((a) => [a.number, a.kind, a.customId, a.disabled])).toEqual([
      [1, 'button', 'prev', true],
      [2, 'button', 'next', false],
      [3, 'select', 'category', false],
      [4, 'select', 'who', false],
    ]);
  });

  it('starts numbering at firstNumber', () => {
    const { actions } = renderMessage(
      message({ components: [{ type: 1, components: [{ type: 2, custom_id: 'a', label: 'A' }] }] }),
      5,
    );
    expect(actions[0]?.number).toBe(5);
  });

  it('renders Components V2 text displays and section accessories', () => {
    const { text, actions } = renderMessage(
      message({
        components: [
          {
            type: 17,
            components: [
              {
                type: 9,
                components: [{ type: 10, content: '## Settings' }],
                accessory: { type: 2, custom_id: 'edit', label: 'Edit' },
              },
            ],
          },
        ],
      }),
    );
    expect(text).toBe('## Settings\n  [1] Edit');
    expect(actions).toHaveLength(1);
  });

  it('shows Discord timestamps as UTC date and time', () => {
    const { text } = renderMessage(
      message({
        content: 'Come back <t:1700000000:R>.',
        embeds: [{ description: 'since <t:0>' }],
      }),
    );
    expect(text).toBe('Come back 2023-11-14 22:13 UTC.\n┌ embed\n│ since 1970-01-01 00:00 UTC\n└─');
  });

  it('tags ephemeral and edited messages, and says when a message is empty', () => {
    expect(renderMessage(message({ content: 'secret', ephemeral: true })).text).toBe(
      'secret (only you can see this)',
    );
    expect(renderMessage(message({ edited: true })).text).toBe('(empty message) (edited)');
  });
});
