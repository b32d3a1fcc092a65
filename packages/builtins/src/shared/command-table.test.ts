import { describe, expect, it } from 'vitest';
import registry from '../registry/index.js';
import { commandTableMarkdown } from './command-table.js';

describe('commandTableMarkdown', () => {
  it('lists the defineCommand commands of extension definitions with who and usage', () => {
    const table = commandTableMarkdown([registry, { name: 'plain', commands: [class {}] }]);
    const lines = table.split('\n');
    expect(lines[0]).toBe('| command | extension | who | usage | description |');
    expect(lines.slice(2).map((l) => l.split(' | ')[0])).toEqual([
      '| `pr_list`',
      '| `pr_info`',
      '| `pr_validate`',
      '| `pr_enforce`',
      '| `pr_alert_channel`',
    ]);
    expect(table).toContain('| `pr_enforce` | registry | bot owners |');
  });
});
