// The `@discordjs/ws` enum values the worker's relay strategy emits, typed by `@discordjs/ws`
// without loading it at run time. The worker's discord.js (CommonJS) `require`s @discordjs/ws's
// CommonJS build; a value `import` here would load its ES module build as a second copy (with
// its own @vladfrangu/async_event_emitter), before the bot's entry can start: ~100 ms of CPU
// on the worker's cold start. shard-constants.test.ts checks every value.
import type { WebSocketShardEvents as Events, WebSocketShardStatus as Status } from '@discordjs/ws';

/** The shard events the relay strategy emits on discord.js's manager. */
export const ShardEvents = {
  Closed: 'closed' as Events.Closed,
  Dispatch: 'dispatch' as Events.Dispatch,
  Error: 'error' as Events.Error,
  HeartbeatComplete: 'heartbeat' as Events.HeartbeatComplete,
  Hello: 'hello' as Events.Hello,
  Ready: 'ready' as Events.Ready,
  Resumed: 'resumed' as Events.Resumed,
} as const;

/** The shard statuses the relay strategy reports. */
export const ShardStatus = {
  Idle: 0 as Status.Idle,
  Connecting: 1 as Status.Connecting,
  Resuming: 2 as Status.Resuming,
  Ready: 3 as Status.Ready,
} as const;
