import { join, resolve } from 'node:path';
import { defineExtension } from '@zoryx/framework';
import { AssistantService } from './assistant-service.js';
import { assistantConfigSchema, tunableOverridesSchema } from './config.js';
import {
  answerPageButton,
  cancelActionButton,
  confirmActionButton,
} from './discord/answer-buttons.js';
import { askCommand, askUsageCommand } from './discord/ask-command.js';
import { askConfigCommand } from './discord/config-command.js';
import { DocsIndex } from './docs/docs-index.js';
import { RecentErrors } from './recent-errors.js';

declare module '@zoryx/framework' {
  interface ExtensionApis {
    /**
     * The assistant: `ask(question, { userId, guildId? })` → `{ answer, toolsUsed, … }`.
     * Loaded when `@zoryx/assistant` is in `extensions.packages`.
     */
    assistant: AssistantService;
  }
}

/** Where the build puts the copy of the repository's docs and READMEs (beside the entry file). */
export const SHIPPED_DOCS_DIR = 'docs';

/**
 * The assistant extension: `/ask`, `/ask_usage`, `/ask_config` and the public API `ask()`.
 * Config: `extensions.config.assistant = { baseUrl, model, apiKeyEnv?, maxToolCalls?, … }` (see
 * the README); the API key is read from the env variable `apiKeyEnv` (default `ZORYX_AI_API_KEY`).
 */
export default defineExtension({
  name: 'assistant',
  version: '0.1.0',
  description: 'Ask the bot about itself, answered by an AI model from the live introspection',
  author: 'Zoryx',
  config: assistantConfigSchema,
  commands: [askCommand, askUsageCommand, askConfigCommand],
  components: [answerPageButton, confirmActionButton, cancelActionButton],
  async setup(ctx) {
    const errors = new RecentErrors();
    ctx.hooks.on('command_error', (payload) => errors.add(payload), { id: 'recent-errors' });
    const docs = await DocsIndex.load([
      join(ctx.directory, SHIPPED_DOCS_DIR),
      ...(ctx.config.docsDir === undefined ? [] : [resolve(ctx.config.docsDir)]),
    ]);
    ctx.logger.debug({ sections: docs.size }, 'assistant docs indexed');
    const saved = tunableOverridesSchema.safeParse(
      (await ctx.store.readJson('overrides.json')) ?? {},
    );
    return new AssistantService({
      bot: ctx.client,
      config: ctx.config,
      store: ctx.store,
      docs,
      errors,
      signal: ctx.signal,
      overrides: saved.success ? saved.data : {},
    });
  },
});
