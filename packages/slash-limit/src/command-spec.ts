import {
  ApplicationCommandType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

/**
 * An application command as Discord takes it, plus planning hints that are never sent to Discord.
 */
export type CommandSpec = RESTPostAPIApplicationCommandsJSONBody & {
  /** Names the category root the command is folded into (`mod` → `/mod ban`). */
  category?: string;
  /** Higher stays top-level first (default 0). */
  priority?: number;
  /** A pinned command is never folded. */
  pinned?: boolean;
};

/** The key a command has in `CommandPlan.routes` (see {@link routeKey}). */
export type RouteKey = string;

/**
 * The key of a command in `CommandPlan.routes`: the plain name for chat-input commands, and
 * `user:<name>` / `message:<name>` / `entry:<name>` for the other types, because Discord lets a
 * chat-input and a context-menu command share a name (a colon never appears in a chat-input name).
 */
export function routeKey(cmd: { name: string; type?: number | undefined }): RouteKey {
  switch (cmd.type) {
    case ApplicationCommandType.User:
      return `user:${cmd.name}`;
    case ApplicationCommandType.Message:
      return `message:${cmd.name}`;
    case ApplicationCommandType.PrimaryEntryPoint:
      return `entry:${cmd.name}`;
    default:
      return cmd.name;
  }
}

/** The payload Discord receives: the spec without the planning hints. */
export function toPayload(spec: CommandSpec): RESTPostAPIApplicationCommandsJSONBody {
  const { category: _c, priority: _p, pinned: _pin, ...payload } = spec;
  return payload as RESTPostAPIApplicationCommandsJSONBody;
}
