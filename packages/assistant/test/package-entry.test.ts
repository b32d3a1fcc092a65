import { resolve } from 'node:path';
import { createTestBot, type TestBot } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../src/index.js';
import { FakeProvider, toolResults } from './fake-provider.js';

const BOOT_TIMEOUT_MS = 90_000;
/** This package's folder: `extensions.packages` takes it like an installed package (its built dist/). */
const PACKAGE_DIR = resolve(import.meta.dirname, '..');

describe('@zoryx/assistant loaded as a package (the built dist/)', () => {
  let t: TestBot;
  let fake: FakeProvider;

  beforeAll(async () => {
    fake = await FakeProvider.start();
    t = await createTestBot({
      config: {
        extensions: {
          packages: [PACKAGE_DIR],
          config: { assistant: { baseUrl: fake.baseUrl, model: 'fake-model' } },
        },
      },
    });
  }, BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  }, BOOT_TIMEOUT_MS);

  it('loads as the extension "assistant" and searches the docs shipped in dist/docs', async () => {
    expect(t.bot.extensions.statusOf('assistant')?.state).toBe('loaded');
    fake.reset((_request, i) =>
      i === 0
        ? { toolCalls: [{ name: 'search_docs', args: { query: 'createTestBot emulator guild' } }] }
        : { content: 'See @zoryx/testing.' },
    );
    const result = await t.bot.extensions
      .require('assistant')
      .ask('How do I test my bot?', { userId: t.member.id });
    expect(result).toMatchObject({ answer: 'See @zoryx/testing.', toolsUsed: ['search_docs'] });
    expect(toolResults(fake.requests[1]!)[0]).toContain('packages/testing.md §');
  });
});
