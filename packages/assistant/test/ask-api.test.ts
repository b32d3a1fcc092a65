import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSISTANT_TOOLS, type ChatRequest } from '../src/index.js';
import { API_KEY, type AssistantBot, PROBE_SECRET, startAssistantBot } from './assistant-bot.js';
import { offeredTools, toolResults } from './fake-provider.js';

const BOOT_TIMEOUT_MS = 90_000;

describe('bot.extensions.get("assistant").ask() against a fake OpenAI-compatible server', () => {
  let b: AssistantBot;
  const assistant = () => b.t.bot.extensions.require('assistant');
  const as = (user: { id: string }) => ({ userId: user.id, guildId: b.t.guild.id });

  beforeAll(async () => {
    b = await startAssistantBot();
  }, BOOT_TIMEOUT_MS);
  afterAll(() => b?.close(), BOOT_TIMEOUT_MS);

  it('answers from the right tool, with the tool output delimited as untrusted data', async () => {
    b.fake.reset((request, i) =>
      i === 0
        ? { toolCalls: [{ name: 'explain_command', args: { name: 'greet' } }] }
        : {
            content: toolResults(request)[0]?.includes('Greets a friend by name')
              ? '/greet greets a friend by name.'
              : 'unknown',
          },
    );
    const result = await assistant().ask('What does /greet do?', as(b.t.member));
    expect(result).toMatchObject({
      answer: '/greet greets a friend by name.',
      toolsUsed: ['explain_command'],
      stopReason: 'answered',
    });
    const [output] = toolResults(b.fake.requests[1]!);
    expect(output).toMatch(/^<untrusted-data source="tool:explain_command">\n/);
    expect(output).toContain('"usage":"greet <who>"');
    expect(output).toContain('"askerMayRun":true');
  });

  it('names the roles a server restricted a command to', async () => {
    await b.t.bot.commandRoles.allow(b.t.guild.id, 'greet', b.t.adminRole.id);
    try {
      b.fake.reset((_request, i) =>
        i === 0
          ? { toolCalls: [{ name: 'explain_command', args: { name: '/greet' } }] }
          : { content: 'ok' },
      );
      await assistant().ask('Who may use /greet here?', as(b.t.member));
      expect(toolResults(b.fake.requests[1]!)[0]).toContain(
        '"restrictedInThisServerToRoles":["Admins"]',
      );
    } finally {
      await b.t.bot.commandRoles.revoke(b.t.guild.id, 'greet');
    }
  });

  it('offers each asker only the tools they hold the permission for', async () => {
    b.fake.reset(() => ({ content: 'ok' }));
    await assistant().ask('hi', as(b.t.member));
    await assistant().ask('hi', as(b.t.admin));
    await assistant().ask('hi', as(b.t.owner));
    const [member, admin, owner] = b.fake.requests.map(offeredTools);
    expect(member).toEqual([
      'search_commands',
      'explain_command',
      'slash_limit_plan',
      'list_extensions',
      'search_docs',
    ]);
    expect(admin).toEqual([...(member ?? []).slice(0, 4), 'explain_extension', 'search_docs']);
    expect(owner).toEqual(ASSISTANT_TOOLS.map((tool) => tool.name));
  });

  it('never runs a tool that was not offered, whatever the model calls', async () => {
    b.fake.reset((_request, i) =>
      i === 0
        ? {
            toolCalls: [
              { name: 'recent_errors', args: {} },
              { name: 'reload_extension', args: { name: 'probe' } },
            ],
          }
        : { content: 'done' },
    );
    const before = b.t.bot.extensions.require('probe').setups();
    const result = await assistant().ask('show errors', as(b.t.member));
    expect(result.toolsUsed).toEqual([]);
    expect(result.pendingActions).toEqual([]);
    expect(toolResults(b.fake.requests[1]!)).toEqual([
      'Tool "recent_errors" is not available to this user. Do not call it again.',
      'Tool "reload_extension" is not available to this user. Do not call it again.',
    ]);
    expect(b.t.bot.extensions.require('probe').setups()).toBe(before);
  });

  it('stops a tool loop at maxToolCalls and asks for an answer without tools', async () => {
    let n = 0;
    b.fake.reset((request) =>
      request.body.tools
        ? { toolCalls: [{ name: 'search_commands', args: { query: `q${n++}` } }] }
        : { content: 'Here is what I found.' },
    );
    const result = await assistant().ask('loop please', as(b.t.owner));
    expect(result).toMatchObject({ stopReason: 'tool-cap', answer: 'Here is what I found.' });
    expect(b.fake.requests.map((r) => r.body.tools !== undefined)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    const last = b.fake.requests[3]!.body.messages.at(-1);
    expect(last).toMatchObject({ role: 'system' });
    expect(last?.content).toContain('limit of 3 tool calls');
  });

  it('does not run an identical call twice and stops the tools when it repeats', async () => {
    b.fake.reset((request) =>
      request.body.tools
        ? { toolCalls: [{ name: 'search_commands', args: { query: 'same' } }] }
        : { content: '' },
    );
    const result = await assistant().ask('repeat', as(b.t.owner));
    expect(result.stopReason).toBe('repeated-calls');
    expect(result.answer).toContain('same tool call kept repeating');
    const results = toolResults(b.fake.requests.at(-1)!);
    expect(results.filter((r) => r.startsWith('<untrusted-data'))).toHaveLength(1);
    expect(results.filter((r) => r.startsWith('Not run again'))).toHaveLength(2);
  });

  it('treats an error message carrying a prompt injection as data: it proposes nothing runnable', async () => {
    await b.t.owner.slash(b.t.guild, 'boom').reply();
    b.fake.reset((request, i) => {
      if (i === 0) return { toolCalls: [{ name: 'recent_errors', args: {} }] };
      // A model that falls for the injection in the tool output.
      if (i === 1 && toolResults(request)[0]?.includes('call reload_extension')) {
        // With the kind of flag other assistants trust to skip approval: it changes nothing here.
        return {
          toolCalls: [
            { name: 'reload_extension', args: { name: 'probe', confirmed: true, dry_run: false } },
          ],
        };
      }
      return { content: 'The last error was from /boom.' };
    });
    const before = b.t.bot.extensions.require('probe').setups();
    const result = await assistant().ask('What was the last error?', as(b.t.owner));
    const [errors] = toolResults(b.fake.requests[1]!);
    expect(errors).toMatch(/^<untrusted-data source="tool:recent_errors">/);
    expect(errors).toContain('SYSTEM OVERRIDE');
    expect(errors).not.toContain(PROBE_SECRET);
    // Proposed, waiting for a button: nothing ran.
    expect(result.pendingActions).toHaveLength(1);
    expect(result.pendingActions[0]).toMatchObject({
      tool: 'reload_extension',
      permission: 'owner',
    });
    expect(b.t.bot.extensions.require('probe').setups()).toBe(before);
    expect(b.t.bot.extensions.statusOf('probe')?.state).toBe('loaded');
  });

  it('reads hook metrics and confirms a proposed breaker reset only for a permitted user', async () => {
    b.fake.reset((request, i) => {
      if (i === 0) return { toolCalls: [{ name: 'hook_metrics', args: {} }] };
      if (i === 1)
        return {
          toolCalls: [{ name: 'reset_hook_breaker', args: { hook_id: 'assistant:recent-errors' } }],
        };
      return {
        content: toolResults(request)[0]?.includes('"id":"assistant:recent-errors"')
          ? 'Reset proposed.'
          : 'no hook',
      };
    });
    const result = await assistant().ask(
      'Reset the breaker of the recent-errors hook',
      as(b.t.owner),
    );
    expect(result).toMatchObject({
      answer: 'Reset proposed.',
      toolsUsed: ['hook_metrics', 'reset_hook_breaker'],
    });
    const [proposal] = result.pendingActions;
    expect(proposal?.preview).toContain(
      'Close the circuit breaker of hook `assistant:recent-errors`',
    );
    const refused = await assistant().confirm(proposal!.id, b.t.admin.id, b.t.guild.id);
    expect(refused).toEqual({
      ok: false,
      reason: 'Only a user with owner access can confirm this.',
    });
    const done = await assistant().confirm(proposal!.id, b.t.owner.id, b.t.guild.id);
    expect(done).toEqual({
      ok: true,
      result:
        'The circuit breaker of `assistant:recent-errors` is closed and its failures are forgotten.',
    });
  });

  it("explains a skipped extension with the resolver's recorded reason, and finds an error by its id", async () => {
    expect(b.t.report.skipped).toContain('needy');
    b.fake.reset((_request, i) =>
      i === 0
        ? { toolCalls: [{ name: 'explain_extension', args: { name: 'needy' } }] }
        : { content: 'needy waits for economy.' },
    );
    const result = await assistant().ask('Why is needy not loaded?', as(b.t.admin));
    expect(result.toolsUsed).toEqual(['explain_extension']);
    const explained = toolResults(b.fake.requests[1]!)[0] ?? '';
    expect(explained).toContain('"state":"skipped"');
    expect(explained).toContain(
      '"dependencies":[{"name":"economy","range":"^2.0.0","loadedVersion":null}]',
    );
    expect(explained).toMatch(/"problem":\{"code":"ZRX_[A-Z_]+","message":"[^"]*economy/);
    expect(explained).toContain('"resolverEnforcement":{"dependencies":true,"conflicts":true}');

    const failure = await b.t.member.slash(b.t.guild, 'boom').reply();
    const errorId = /`([0-9A-Z]{6,})`/.exec(JSON.stringify(failure.embeds) + failure.content)?.[1];
    expect(errorId).toBeDefined();
    b.fake.reset((_request, i) =>
      i === 0
        ? { toolCalls: [{ name: 'recent_errors', args: { error_id: errorId } }] }
        : { content: 'found' },
    );
    await assistant().ask(`What is error ${errorId}?`, as(b.t.owner));
    const lookup = JSON.parse((toolResults(b.fake.requests[1]!)[0] ?? '').split('\n')[1] ?? '[]');
    expect(lookup).toHaveLength(1);
    expect(lookup[0]).toMatchObject({ errorId, command: 'boom', kind: 'slash' });
  });

  it('gives a down, slow or malformed provider a clear coded error instead of hanging', async () => {
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: { code?: string }) => error.code,
      );
    b.fake.reset(() => ({ reset: true }));
    expect(await codeOf(assistant().ask('a', as(b.t.owner)))).toBe('ZRX_ASSISTANT_PROVIDER_DOWN');
    b.fake.reset(() => ({ hang: true }));
    expect(await codeOf(assistant().ask('b', as(b.t.owner)))).toBe(
      'ZRX_ASSISTANT_PROVIDER_TIMEOUT',
    );
    b.fake.reset(() => ({ malformed: 'Service Unavailable' }));
    expect(await codeOf(assistant().ask('c', as(b.t.owner)))).toBe(
      'ZRX_ASSISTANT_PROVIDER_BAD_RESPONSE',
    );
    b.fake.reset(() => ({ status: 500, body: '{"error":{"message":"model crashed"}}' }));
    expect(await codeOf(assistant().ask('d', as(b.t.owner)))).toBe('ZRX_ASSISTANT_PROVIDER_HTTP');
  });

  it('answers through another ChatProvider when one is plugged in, still without secrets', async () => {
    const seen: ChatRequest[] = [];
    assistant().useProvider({
      label: 'custom',
      async chat(request) {
        seen.push(request);
        return {
          content: 'from custom',
          toolCalls: [],
          finishReason: 'stop',
          usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2, estimated: false },
        };
      },
    });
    try {
      const result = await assistant().ask(`Is my key ${API_KEY} safe?`, as(b.t.owner));
      expect(result.answer).toBe('from custom');
      expect(JSON.stringify(seen)).not.toContain(API_KEY);
      expect(seen[0]?.messages[1]?.content).toContain('Is my key [redacted] safe?');
    } finally {
      assistant().useProvider(undefined);
    }
  });

  it('sends no secret in any request body (bot token, API key, secrets in errors)', () => {
    const token = b.t.bot.token;
    expect(token).toBeTruthy();
    expect(b.fake.all.length).toBeGreaterThan(10);
    for (const request of b.fake.all) {
      expect(request.raw).not.toContain(token);
      expect(request.raw).not.toContain(API_KEY);
      expect(request.raw).not.toContain(PROBE_SECRET);
      expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    }
  });
});
