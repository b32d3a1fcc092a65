import { CommandPreConditions, type Piece, PreconditionContainerArray } from '@sapphire/framework';
import { describe, expect, it } from 'vitest';
import { dropSapphireCooldown } from './sapphire-cooldown.js';

function names(array: PreconditionContainerArray): unknown[] {
  return array.entries.map((entry) =>
    entry instanceof PreconditionContainerArray ? names(entry) : Reflect.get(entry, 'name'),
  );
}

describe('dropSapphireCooldown', () => {
  it("removes the top-level Cooldown entries Sapphire's Command constructor appends", () => {
    const preconditions = new PreconditionContainerArray([
      CommandPreConditions.GuildOnly,
      [
        { name: CommandPreConditions.Cooldown, context: { limit: 2, delay: 1_000 } },
        CommandPreConditions.NotSafeForWork,
      ],
    ]);
    // What `parseConstructorPreConditionsCooldown` does for cooldownLimit/cooldownDelay.
    preconditions.append({
      name: CommandPreConditions.Cooldown,
      context: { limit: 1, delay: 60_000 },
    });
    const piece = { preconditions } as unknown as Piece;
    expect(dropSapphireCooldown(piece)).toBe(1);
    // A Cooldown nested in the command's own OR/AND group is its author's choice and stays.
    expect(names(preconditions)).toEqual(['GuildOnly', ['Cooldown', 'NSFW']]);
    expect(dropSapphireCooldown(piece)).toBe(0);
  });

  it('leaves pieces without preconditions alone', () => {
    expect(dropSapphireCooldown({ name: 'ready' } as unknown as Piece)).toBe(0);
  });
});
