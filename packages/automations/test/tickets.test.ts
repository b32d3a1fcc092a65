import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAutomationsBot } from './automations-bot.js';

let t: Awaited<ReturnType<typeof startAutomationsBot>>;

beforeAll(async () => {
  t = await startAutomationsBot();
});
afterAll(() => t?.close());

const VIEW = PermissionFlagsBits.ViewChannel;

it('opens a private ticket channel for the member and the support role, and closes it', async () => {
  const support = t.guild.createRole({ name: 'Support' });
  const panelChannel = t.guild.createChannel({ name: 'help' });
  const api = t.api();
  await api.create(
    t.guild.id,
    api.fromPreset('tickets', { panelChannelId: panelChannel.id, supportRoleId: support.id }),
    t.guildOwner.id,
  );
  const panel = await t.discord.waitFor(
    () => panelChannel.messages().find((m) => m.components?.length),
    { description: 'the ticket panel' },
  );

  const customer = t.addMember('customer');
  const answer = await customer.clickButton(panel, 'automations-ticket:open').reply();
  expect(answer.content).toMatch(/^Ticket opened: <#\d+>$/);
  const ticket = t.guild.channels().find((c) => c.name === 'ticket-customer');
  expect(ticket?.raw.type).toBe(ChannelType.GuildText);
  const overwrites = new Map((ticket?.raw.permission_overwrites ?? []).map((o) => [o.id, o]));
  expect(BigInt(overwrites.get(t.guild.id)?.deny ?? 0) & VIEW).toBe(VIEW);
  expect(BigInt(overwrites.get(customer.id)?.allow ?? 0) & VIEW).toBe(VIEW);
  expect(BigInt(overwrites.get(support.id)?.allow ?? 0) & VIEW).toBe(VIEW);
  const bystander = t.addMember('bystander');
  expect(overwrites.has(bystander.id)).toBe(false);

  // A second click does not open a second ticket.
  const again = await customer.clickButton(panel, 'automations-ticket:open').reply();
  expect(again.content).toContain('You already have a ticket');

  const welcome = await t.discord.waitFor(
    () => ticket?.messages().find((m) => m.components?.length),
    { description: 'the ticket message' },
  );
  expect(welcome.content).toContain(`<@${customer.id}>`);
  customer.clickButton(welcome, 'automations-ticket:close');
  await t.discord.waitFor(() => !t.guild.channels().some((c) => c.name === 'ticket-customer'), {
    description: 'the ticket to close',
  });
  expect(t.guild.channels().map((c) => c.name)).not.toContain('ticket-customer');
});
