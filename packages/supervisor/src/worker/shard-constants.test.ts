import { WebSocketShardEvents, WebSocketShardStatus } from '@discordjs/ws';
import { describe, expect, it } from 'vitest';
import { ShardEvents, ShardStatus } from './shard-constants.js';

describe('the shard constants of the relay strategy', () => {
  it('are the values @discordjs/ws defines', () => {
    for (const [name, value] of Object.entries(ShardEvents)) {
      expect(value, name).toBe(WebSocketShardEvents[name as keyof typeof WebSocketShardEvents]);
    }
    for (const [name, value] of Object.entries(ShardStatus)) {
      expect(value, name).toBe(WebSocketShardStatus[name as keyof typeof WebSocketShardStatus]);
    }
  });
});
