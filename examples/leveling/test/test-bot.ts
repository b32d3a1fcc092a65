import { resolve } from 'node:path';

// Leveling's tests boot it beside moderation (its optional dependency), so they share
// moderation's helper instead of keeping a copy of it; only the folders differ.
export { startTestBot, type TestBot } from '../../moderation/test/test-bot.js';

/** This example's folder (what a bot drops into its `extensions/` directory). */
export const extensionRoot = resolve(import.meta.dirname, '..');
/** The moderation example, which leveling optionally depends on. */
export const moderationRoot = resolve(import.meta.dirname, '../../moderation');
