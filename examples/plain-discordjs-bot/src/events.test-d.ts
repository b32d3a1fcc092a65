import { HookBus } from '@zoryx/hooks';
import { expectTypeOf, test } from 'vitest';
import type { CounterEvents } from './events.js';

test('the bus only accepts the bot events with their payloads', () => {
  const bus = new HookBus<CounterEvents>();
  bus.on('level_up', (event, ctx) => {
    expectTypeOf(event.level).toEqualTypeOf<number>();
    expectTypeOf(event.userId).toEqualTypeOf<string>();
    // @ts-expect-error message_counted has no level
    void ctx.emit('message_counted', { guildId: '1', channelId: '2', userId: '3', level: 1 });
  });
  bus.on('message_counted', (event) => {
    expectTypeOf(event.count).toEqualTypeOf<number>();
  });
  // @ts-expect-error not an event of this bot
  bus.on('guild_joined', () => {});
  void bus.emit('level_up', { guildId: '1', channelId: '2', userId: '3', level: 1, count: 10 });
  // @ts-expect-error count is missing
  void bus.emit('level_up', { guildId: '1', channelId: '2', userId: '3', level: 1 });
});
