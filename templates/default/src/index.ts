import { createMyBot } from './bot.js';

// Reads DISCORD_TOKEN, BOT_OWNER_ID and ZORYX_DISCORD_API from the environment or .env, logs in,
// loads the extensions and syncs the commands. Ctrl+C shuts down gracefully.
const bot = await createMyBot();
const report = await bot.start();
bot.zoryxLogger.info(report.summary);
