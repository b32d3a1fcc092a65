import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { COMMANDS_DOC, renderCommandsDoc, rowsOf } from '../scripts/commands-doc.js';
import diagnostics from '../src/diagnostics/index.js';
import registry from '../src/registry/index.js';

describe('docs/commands.md', () => {
  it('is up to date with the built-in extensions (run scripts/commands-doc.ts to refresh)', async () => {
    const actual = await readFile(COMMANDS_DOC, 'utf8');
    expect(actual).toBe(await renderCommandsDoc());
  });

  it('derives each row from the command registration and its access level', () => {
    const rows = rowsOf(registry);
    expect(rows.map((r) => r.name)).toEqual([
      'pr_list',
      'pr_info',
      'pr_validate',
      'pr_enforce',
      'pr_alert_channel',
    ]);
    expect(rows.find((r) => r.name === 'pr_enforce')).toMatchObject({
      extension: 'registry',
      access: 'bot owner',
      options: '`<kind: deps|conflicts>` `[enabled: true/false]`',
      invocation: 'slash + prefix + mention',
    });
    expect(rowsOf(diagnostics).find((r) => r.name === 'fw_history')?.options).toBe(
      '`[count: integer]`',
    );
  });
});
