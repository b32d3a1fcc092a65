import { runBot } from '@zoryx/cli';
import { botRoot } from './bot.js';

// Reads DISCORD_TOKEN, BOT_OWNER_ID and ZORYX_DISCORD_API from the environment or .env and runs
// the bot supervised: the Discord session stays in this process and the bot (extensions and all)
// runs in a worker thread that is restarted, without reconnecting, when an extension blocks the
// event loop, crashes or runs out of memory; an extension that keeps doing it is quarantined and
// the owners get a DM. `"supervise": false` in config.json runs one plain process instead.
// Ctrl+C shuts down gracefully.
await runBot({ cwd: botRoot });
