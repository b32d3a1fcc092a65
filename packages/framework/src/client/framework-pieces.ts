import { container, type Piece, type StoreRegistryKey } from '@sapphire/framework';
import { CooldownPrecondition } from '../cooldowns/cooldown-precondition.js';
import { IntakePrecondition } from '../intake/intake-precondition.js';
import {
  ChatInputDeniedListener,
  ChatInputErrorListener,
  ChatInputSuccessListener,
  MessageDeniedListener,
  MessageErrorListener,
  MessageSuccessListener,
} from '../listeners/command-results.js';
import {
  GuildJoinedListener,
  GuildLeftListener,
  MentionOnlyListener,
  ReadyListener,
} from '../listeners/lifecycle.js';
import {
  AutocompleteErrorListener,
  ClientErrorListener,
  ContextMenuErrorListener,
  InteractionHandlerErrorListener,
  InteractionParseErrorListener,
  ListenerErrorListener,
  RegistryErrorListener,
} from '../listeners/piece-errors.js';
import { PrefixFallbackListener } from '../listeners/prefix-fallback.js';
import {
  PermissionTierPrecondition,
  TierAwareUserPermissions,
} from '../permissions/tier-precondition.js';

const PIECES: readonly [StoreRegistryKey, string, new (...args: never[]) => Piece][] = [
  // Same name as Sapphire's: replaces its registration-on-ready with ours.
  ['listeners', 'CoreReady', ReadyListener],
  ['listeners', 'ZoryxGuildJoined', GuildJoinedListener],
  ['listeners', 'ZoryxGuildLeft', GuildLeftListener],
  ['listeners', 'ZoryxMentionOnly', MentionOnlyListener],
  ['listeners', 'ZoryxChatInputSuccess', ChatInputSuccessListener],
  ['listeners', 'ZoryxMessageSuccess', MessageSuccessListener],
  ['listeners', 'ZoryxChatInputError', ChatInputErrorListener],
  ['listeners', 'ZoryxMessageError', MessageErrorListener],
  ['listeners', 'ZoryxChatInputDenied', ChatInputDeniedListener],
  ['listeners', 'ZoryxMessageDenied', MessageDeniedListener],
  ['listeners', 'ZoryxPrefixFallback', PrefixFallbackListener],
  // Errors Sapphire catches in pieces, logged with the extension (no default error listeners).
  ['listeners', 'ZoryxListenerError', ListenerErrorListener],
  ['listeners', 'ZoryxRegistryError', RegistryErrorListener],
  ['listeners', 'ZoryxInteractionHandlerError', InteractionHandlerErrorListener],
  ['listeners', 'ZoryxInteractionParseError', InteractionParseErrorListener],
  ['listeners', 'ZoryxAutocompleteError', AutocompleteErrorListener],
  ['listeners', 'ZoryxContextMenuError', ContextMenuErrorListener],
  ['listeners', 'ZoryxClientError', ClientErrorListener],
  ['preconditions', 'ZoryxIntake', IntakePrecondition],
  ['preconditions', 'ZoryxPermissionTiers', PermissionTierPrecondition],
  ['preconditions', 'ZoryxCooldown', CooldownPrecondition],
  // Same name as Sapphire's: `requiredUserPermissions` then honours the tiers.
  ['preconditions', 'UserPermissions', TierAwareUserPermissions],
];

/**
 * Registers the framework's own pieces with Sapphire's stores. Called after the client is
 * constructed and before login, so they load with Sapphire's core pieces.
 */
export async function registerFrameworkPieces(): Promise<void> {
  for (const [store, name, piece] of PIECES) {
    await container.stores.loadPiece({ store, name, piece: piece as never });
  }
}
