import type { Command } from '@sapphire/framework';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/schema.js';
import { cooldownRuleFor, NO_COOLDOWN } from './cooldown-precondition.js';

function command(name: string, options: Command.Options): Pick<Command, 'name' | 'options'> {
  return { name, options };
}

describe('cooldownRuleFor', () => {
  const config = defaultConfig();

  it("reads the command's own cooldownLimit/cooldownDelay (limit 1 unless given)", () => {
    expect(cooldownRuleFor(command('daily', { cooldownDelay: 60_000 }), config)).toEqual({
      limit: 1,
      windowMs: 60_000,
    });
    expect(
      cooldownRuleFor(command('daily', { cooldownLimit: 2, cooldownDelay: 1_000 }), config),
    ).toEqual({ limit: 2, windowMs: 1_000 });
  });

  it("treats a limit or delay of 0 as no cooldown, as Sapphire's options mean", () => {
    expect(
      cooldownRuleFor(command('free', { cooldownLimit: 0, cooldownDelay: 5_000 }), config),
    ).toBe(NO_COOLDOWN);
    expect(cooldownRuleFor(command('free', { cooldownDelay: 0 }), config)).toBe(NO_COOLDOWN);
  });

  it('prefers the config override, and falls back to the default of 3 per 5 s', () => {
    const overridden = {
      ...config,
      commands: { daily: { enabled: true, cooldown: { limit: 5, windowSeconds: 10 } } },
    } as typeof config;
    expect(cooldownRuleFor(command('daily', { cooldownDelay: 60_000 }), overridden)).toEqual({
      limit: 5,
      windowMs: 10_000,
    });
    expect(cooldownRuleFor(command('ping', {}), config)).toEqual({ limit: 3, windowMs: 5_000 });
  });
});
