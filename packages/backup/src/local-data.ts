// The local half of a backup: what the bot itself keeps per guild (the framework's settings and
// every extension's data), captured and restored without Discord calls.
import { z } from 'zod';
import { BackupError } from './errors.js';
import type { IdMap } from './restore/id-map.js';
import type { BackupContext } from './service.js';
import { type JsonValue, jsonValue, type Snapshot } from './snapshot/schema.js';

const exportAnswer = z.object({ data: jsonValue });

/** The framework's settings of a guild: prefix, mention prefix, locale, command roles. */
export async function captureFramework(
  ctx: BackupContext,
  guildId: string,
): Promise<Snapshot['framework']> {
  const settings = await ctx.client.settings(guildId).getAll();
  const rows = await (await ctx.db.guild(guildId))
    .selectFrom('zoryx_command_roles')
    .select(['command', 'role_id'])
    .execute();
  return {
    prefix: settings.prefix,
    mentionPrefix: settings.mentionPrefix,
    locale: settings.locale,
    commandRoles: rows.map((row) => ({ command: row.command, role_id: row.role_id })),
  };
}

/** Writes the framework's settings back, role ids of command grants mapped. */
export async function restoreFramework(
  ctx: BackupContext,
  guildId: string,
  framework: Snapshot['framework'],
  ids: IdMap,
): Promise<void> {
  const settings = ctx.client.settings(guildId);
  if (framework.prefix) await settings.set('prefix', framework.prefix);
  await settings.set('mentionPrefix', framework.mentionPrefix);
  await settings.set('locale', framework.locale);
  for (const grant of framework.commandRoles) {
    const roleId = ids.resolve(grant.role_id);
    // A grant of the role's old id would point at nothing once the role was re-created.
    if (roleId !== grant.role_id)
      await ctx.client.commandRoles.revoke(guildId, grant.command, grant.role_id);
    await ctx.client.commandRoles.allow(guildId, grant.command, roleId);
  }
}

/** Every other extension's data for a guild, from its answer to the `backup` hook. */
export async function captureExtensionData(
  ctx: BackupContext,
  guildId: string,
): Promise<Record<string, JsonValue>> {
  const result = await ctx.hooks.emitAndWait('backup', { action: 'export', guildId });
  const owners = new Map(ctx.client.hooks.hooks().map((hook) => [hook.id, hook.owner]));
  const data: Record<string, JsonValue> = {};
  for (const outcome of result.outcomes) {
    const owner = owners.get(outcome.hookId);
    if (outcome.status !== 'ok' || !owner || owner === ctx.name) continue;
    const parsed = exportAnswer.safeParse(outcome.value);
    if (parsed.success) data[owner] = parsed.data.data;
    else
      ctx.logger.warn(
        { extension: owner },
        'backup: a backup hook answered without { data } (JSON)',
      );
  }
  return data;
}

/** Hands an extension its data back; `ZRX_BACKUP_EXTENSION` when it is missing or fails. */
export async function restoreExtensionData(
  ctx: BackupContext,
  guildId: string,
  name: string,
  data: JsonValue,
  ids: IdMap,
): Promise<void> {
  const result = await ctx.hooks.emitAndWait('backup', {
    action: 'import',
    guildId,
    extension: name,
    data,
    ids: ids.toRecord(),
  });
  const owners = new Map(ctx.client.hooks.hooks().map((hook) => [hook.id, hook.owner]));
  const mine = result.outcomes.filter((outcome) => owners.get(outcome.hookId) === name);
  if (mine.length === 0)
    throw new BackupError(
      'ZRX_BACKUP_EXTENSION',
      `Extension ${name} is not loaded (or has no backup hook): its data was not restored.`,
    );
  const failed = mine.find((outcome) => outcome.status !== 'ok');
  if (failed)
    throw new BackupError(
      'ZRX_BACKUP_EXTENSION',
      `Extension ${name} failed to import its data: ${String(failed.error)}`,
    );
}
