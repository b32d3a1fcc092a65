import { LoaderError } from '@zoryx/loader';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { operatorMistakeCode, replyError } from './replies.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { lines, logger };
}

describe('replyError logging', () => {
  it('logs an operator mistake (reload of an unknown extension) as one coded warning without a stack', async () => {
    const { lines, logger } = capture();
    const error = new LoaderError('ZRX_EXT_NOT_FOUND', 'no extension named "ecnomy"');
    expect(operatorMistakeCode(error)).toBe('ZRX_EXT_NOT_FOUND');
    // Not a real interaction: the reply fails (and is swallowed); only the log line is checked.
    const interaction = { commandName: 'reload' } as unknown as Parameters<typeof replyError>[0];
    await replyError(
      interaction,
      'Reload of `ecnomy` failed: `ZRX_EXT_NOT_FOUND`: no extension\nHint: x',
      {
        error,
        logger,
      },
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, code: 'ZRX_EXT_NOT_FOUND', command: 'reload' });
    expect(lines[0]?.err).toBeUndefined();
    expect(String(lines[0]?.msg)).not.toContain('\n');
  });

  it('keeps a real failure at error level with its stack', async () => {
    const { lines, logger } = capture();
    const interaction = { commandName: 'reload' } as unknown as Parameters<typeof replyError>[0];
    await replyError(interaction, 'Reload failed', { error: new Error('disk full'), logger });
    expect(lines[0]).toMatchObject({ level: 50 });
    expect(String((lines[0]?.err as { stack?: string })?.stack)).toContain('disk full');
  });
});
