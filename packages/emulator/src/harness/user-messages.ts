import { EmulatorError } from '../errors.js';
import type { StoredMessage } from '../state/records.js';
import { deleteMessage, editMessage } from '../world/messages.js';
import { addReaction, parseEmoji, removeReaction } from '../world/reactions.js';
import type { World } from '../world/world.js';
import { idOf, type Ref } from './refs.js';

/** The message a user acts on, which must still exist. */
export function currentMessage(world: World, message: Ref): StoredMessage {
  const current = world.records.messageIndex.get(idOf(message));
  if (!current) {
    throw new EmulatorError(
      'ZRX_EMULATOR_UNKNOWN_ENTITY',
      `Message ${idOf(message)} does not exist (deleted?).`,
      'Act on a message that still exists (see channel.messages()).',
    );
  }
  return current;
}

function requireAuthor(message: StoredMessage, userId: string, verb: string): void {
  if (message.author.id !== userId) {
    throw new EmulatorError(
      'ZRX_EMULATOR_UNKNOWN_ENTITY',
      `Message ${message.id} was written by ${message.author.username}; a user can only ${verb} their own messages.`,
      'Act as the message author, or let the bot delete it through REST.',
    );
  }
}

/** A user edits their own message: MESSAGE_UPDATE. */
export function userEdit(
  world: World,
  userId: string,
  message: Ref,
  content: string,
): StoredMessage {
  const current = currentMessage(world, message);
  requireAuthor(current, userId, 'edit');
  return editMessage(world, current, { content });
}

/** A user deletes their own message: MESSAGE_DELETE. */
export function userDelete(world: World, userId: string, message: Ref): void {
  const current = currentMessage(world, message);
  requireAuthor(current, userId, 'delete');
  deleteMessage(world, current);
}

/** A user adds (or removes) a reaction: MESSAGE_REACTION_ADD / _REMOVE. */
export function userReact(
  world: World,
  userId: string,
  message: Ref,
  emoji: string,
  add: boolean,
): StoredMessage {
  const current = currentMessage(world, message);
  const parsed = parseEmoji(emoji);
  if (add) addReaction(world, current, userId, parsed);
  else removeReaction(world, current, userId, parsed);
  return current;
}
