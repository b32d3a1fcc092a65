/**
 * `@zoryx/framework/env`: the environment a bot reads (`DISCORD_TOKEN`, `ZORYX_DISCORD_API`, the
 * folder's `.env`) and the gateway intents, and nothing else — no zod, no discord.js. For a
 * process that supervises a bot in a worker thread: with these it can start the supervisor (and
 * so spawn the worker) before it loads anything to read the rest of the settings.
 *
 * @packageDocumentation
 */
export { FRAMEWORK_INTENTS } from './client/framework-intents.js';
export { loadDotEnv, readEnv, type ZoryxEnv } from './config/env.js';
