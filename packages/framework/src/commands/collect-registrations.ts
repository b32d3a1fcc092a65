import { ApplicationCommandRegistry, type Command } from '@sapphire/framework';
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';

/** One application command a piece asked to register, as Discord JSON. */
export interface CollectedRegistration {
  /** The piece that registered it (its handler). */
  command: Command;
  data: RESTPostAPIApplicationCommandsJSONBody;
  /** Guilds it asked for explicitly (empty = default scope). */
  guildIds: readonly string[];
}

interface RegistryApiCall {
  builtData: RESTPostAPIApplicationCommandsJSONBody;
  registerOptions: { guildIds?: readonly string[] | null };
}

/**
 * Runs a command's `registerApplicationCommands` against a fresh, private
 * `ApplicationCommandRegistry` and returns the JSON it produced, without any API call.
 * We let Sapphire's own registry normalise builders and discord.js-style data (so authors write
 * ordinary Sapphire commands) and only read back its list of pending calls; the actual
 * registration goes through our planner and sync instead of Sapphire's GET-on-every-boot.
 */
export async function collectRegistrations(command: Command): Promise<CollectedRegistration[]> {
  if (typeof command.registerApplicationCommands !== 'function') return [];
  const registry = new ApplicationCommandRegistry(command.name);
  await command.registerApplicationCommands(registry);
  const calls = (registry as unknown as { apiCalls: RegistryApiCall[] }).apiCalls;
  return calls.map((call) => ({
    command,
    data: call.builtData,
    guildIds: call.registerOptions.guildIds ?? [],
  }));
}
