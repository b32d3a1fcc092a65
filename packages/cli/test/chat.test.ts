import { PassThrough } from 'node:stream';
import { type Emulator, startEmulator } from '@zoryx/emulator';
import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChat } from '../src/chat.js';
import { createDevWorld, type DevWorld } from '../src/dev-world.js';
import { startTinyBot } from './tiny-bot.js';

let discord: Emulator;
let bot: Client;
let world: DevWorld;

beforeAll(async () => {
  discord = await startEmulator({ heartbeatInterval: 60_000 });
  world = createDevWorld(discord);
  bot = await startTinyBot(discord);
});
afterAll(async () => {
  await bot?.destroy();
  await discord?.close();
});

/** Feeds `lines` to the chat as a stream that ends, and returns everything it printed. */
async function chat(lines: string[], replyTimeoutMs = 5_000, color = false): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const done = runChat({ world, input, output, replyTimeoutMs, color });
  input.end(`${lines.join('\n')}\n`);
  await done;
  return printed;
}

describe('the terminal chat against a real bot in the emulator', () => {
  it('sends messages and slash commands as you and prints the replies in order', async () => {
    const printed = await chat(['!hello', '/ping', '/ban user:@alice reason:too much spam']);
    expect(printed).toContain(
      [
        '#general you> !hello',
        'Zoryx Bot: Hello, you!',
        '#general you> /ping',
        'Zoryx Bot: pong',
        '#general you> /ban user:@alice reason:too much spam',
        'Zoryx Bot: banned alice: too much spam',
      ].join('\n'),
    );
  });

  it('renders embeds and components, clicks buttons by number and picks select options', async () => {
    const printed = await chat(['!menu', '#3 Server Tools', '#2']);
    expect(printed).toContain(
      [
        '#general you> !menu',
        'Zoryx Bot: Menu',
        '  ┌ Help',
        '  │ Pick a category',
        '  │ core: ping, hello',
        '  └─',
        '    [1] Previous',
        '    [2] Next',
        '    [3] ▾ Category: core (Core) | tools (Server Tools)',
        '#general you> #3 Server Tools',
        'Zoryx Bot: picked tools',
        '#general you> #2',
        'Zoryx Bot: clicked next (edited)',
      ].join('\n'),
    );
  });

  it('switches channels and lists them', async () => {
    const printed = await chat(['/channel bot-commands', '!where', '/channel nowhere']);
    expect(printed).toContain('channels: #general #bot-commands (in #bot-commands)');
    expect(printed).toContain('#bot-commands you> !where\nZoryx Bot: in #bot-commands');
    expect(printed).toContain('no channel #nowhere');
  });

  it('reports unknown components, unknown commands and silence without stopping', async () => {
    const printed = await chat(['#9', '/nope', 'just chatting', '/channel'], 300);
    expect(printed).toContain('! There is no component #9');
    expect(printed).toMatch(/! .*nope/);
    expect(printed).toContain('#general you> just chatting\n  (no reply within 0.3 s)');
    expect(printed).toContain('#general you> /channel\n  channels: #general #bot-commands');
  });

  it('acts as another user after /as', async () => {
    const printed = await chat(['/as alice', '!hello', '/as nobody', '/as you', '!hello']);
    expect(printed).toContain('users: @you @alice @bob (you are @alice)');
    expect(printed).toContain('#general alice> !hello\nZoryx Bot: Hello, alice!');
    expect(printed).toContain('no user @nobody');
    expect(printed).toContain('#general you> !hello\nZoryx Bot: Hello, you!');
  });

  it('clicks as the current /as user, so a button for several people can be tried', async () => {
    const printed = await chat(['!poll', '#1', '/as alice', '#1']);
    expect(printed).toContain('#general you> #1\nZoryx Bot: you voted');
    expect(printed).toContain('#general alice> #1\nZoryx Bot: alice voted');
  });

  it('draws the bot Markdown with terminal styles', async () => {
    const printed = await chat(['!md'], 5_000, true);
    expect(printed).toContain(
      'Zoryx Bot: \u001b[1mBalance:\u001b[22m \u001b[36m120\u001b[39m coins',
    );
    expect(printed).not.toContain('**');
  });

  it('stops reading at /quit', async () => {
    const printed = await chat(['/quit', '/ping']);
    expect(printed).not.toContain('pong');
  });
});
