import { describe, expect, it } from 'vitest';
import { guildOnShard } from './session.js';

describe('guildOnShard', () => {
  it("uses Discord's formula (guild_id >> 22) % shard_count", () => {
    const id = ((123n << 22n) | 5n).toString();
    expect(guildOnShard(id, 123 % 4, 4)).toBe(true);
    expect(guildOnShard(id, (123 + 1) % 4, 4)).toBe(false);
    expect(guildOnShard(id, 0, 1)).toBe(true);
  });
});
