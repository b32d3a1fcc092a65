import { describe, expect, it } from 'vitest';
import { usageLine } from './usage-line.js';

describe('usageLine', () => {
  it('marks required, optional, choices and a trailing string', () => {
    const cmd = {
      name: 'remind',
      options: [
        { type: 4, name: 'minutes', description: 'M', required: true },
        {
          type: 3,
          name: 'unit',
          description: 'U',
          choices: ['s', 'm', 'h', 'd', 'w', 'y'].map((c) => ({ name: c, value: c })),
        },
        { type: 3, name: 'text', description: 'T' },
      ],
    } as const;
    expect(usageLine(cmd as never)).toBe('remind <minutes> [unit: s|m|h|d|w|…] [text...]');
  });

  it('lists subcommands, and describes one when given a path', () => {
    const cmd = {
      name: 'tag',
      options: [
        {
          type: 1,
          name: 'get',
          description: 'G',
          options: [{ type: 3, name: 'name', description: 'N', required: true }],
        },
        { type: 1, name: 'list', description: 'L' },
      ],
    } as const;
    expect(usageLine(cmd as never)).toBe('tag <get|list>');
    expect(usageLine(cmd as never, ['get'])).toBe('tag get <name...>');
    expect(usageLine({ name: 'ping' })).toBe('ping');
  });
});
