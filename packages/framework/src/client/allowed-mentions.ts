import type { MessageMentionOptions } from 'discord.js';

/**
 * The client's default `allowedMentions`: text the bot sends pings nobody (no `@everyone`,
 * `@here`, role or user mentions, even when the text contains them), except that a
 * `message.reply()` pings the author it answers, as a reply in Discord normally does. Bots echo
 * user input (`!say`, error messages, names), so anything else would let any member make the
 * bot ping everyone. A message opts in with its own `allowedMentions` (which replaces this
 * default as a whole, e.g. `{ parse: ['users'] }` or `{ users: [id] }`); a bot changes the
 * default with the `allowedMentions` client option.
 */
export function defaultAllowedMentions(): MessageMentionOptions {
  return { parse: [], repliedUser: true };
}

/** What the framework's own notices (refusals, error ids, usage help, owner DMs) allow: nothing. */
export function noticeMentions(): MessageMentionOptions {
  return { parse: [], repliedUser: false };
}
