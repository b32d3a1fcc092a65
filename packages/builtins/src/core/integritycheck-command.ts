import { defineCommand } from '@zoryx/framework';
import { styledEmbed } from '../shared/embeds.js';
import { formatMs } from '../shared/format.js';
import { respond } from '../shared/replies.js';
import { runIntegrityChecks } from './integrity-checks.js';

/** `integritycheck`: store, database, extensions, resolver and hooks, each really exercised. */
export const integritycheckCommand = defineCommand({
  name: 'integritycheck',
  description: 'Checks the store, databases, extensions, resolver and hook bus (bot owners)',
  access: 'owner',
  async run(interaction, _args, { client }) {
    await interaction.deferReply();
    const results = await runIntegrityChecks(client, interaction.guildId);
    const failed = results.filter((r) => !r.ok);
    return respond(interaction, [
      styledEmbed(
        failed.length === 0 ? 'success' : 'error',
        'Integrity check',
        failed.length === 0
          ? `All ${results.length} checks passed.`
          : `${failed.length} of ${results.length} checks failed: ${failed.map((r) => r.name).join(', ')}.`,
        results.map((r) => ({
          name: `${r.ok ? '✅' : '❌'} ${r.name} (${formatMs(r.durationMs)})`,
          value: r.detail,
        })),
      ),
    ]);
  },
});
