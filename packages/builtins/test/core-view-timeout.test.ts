import type { TestBot, TestWorld } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_CATEGORY_ID } from '../src/core/help.js';
import { startBuiltinsBot } from './builtins-bot.js';

interface Row {
  components: { custom_id?: string; disabled?: boolean }[];
}

describe('core: interactive views time out', () => {
  let h: TestBot;
  let w: TestWorld;
  beforeAll(async () => {
    h = await startBuiltinsBot({
      extensions: ['core'],
      // extensions.config.core.viewTimeoutSeconds: a short idle timeout so the test need not wait 180 s.
      config: { extensions: { config: { core: { viewTimeoutSeconds: 1 } } } },
    });
    w = h.world;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the controls disabled once the view has been idle for the timeout', async () => {
    const reply = await w.member.slash(w.guild, 'help').reply();
    expect(
      (reply.components as unknown as Row[])
        .flatMap((r) => r.components)
        .some((c) => c.disabled !== true),
    ).toBe(true);
    const expired = await h.discord.waitFor(
      () => {
        const current = h.discord.messages(w.channel).find((m) => m.id === reply.id);
        const components = ((current?.components ?? []) as unknown as Row[]).flatMap(
          (r) => r.components,
        );
        return components.length > 0 && components.every((c) => c.disabled === true)
          ? current
          : undefined;
      },
      { timeout: 10_000 },
    );
    expect(expired.embeds[0]?.title).toBe('Help');
    expect(
      ((expired.components ?? []) as unknown as Row[])
        .flatMap((r) => r.components)
        .map((c) => c.custom_id),
    ).toContain(HELP_CATEGORY_ID);
  });
});
