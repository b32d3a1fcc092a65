import {
  container,
  type StoreManagerManuallyRegisteredPiece,
  type StoreRegistryKey,
} from '@sapphire/framework';
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

/** One registration for `store`, its class typed as that store's pieces (checked per row). */
function piece<S extends StoreRegistryKey>(
  store: S,
  name: string,
  Ctor: StoreManagerManuallyRegisteredPiece<S>['piece'],
): StoreManagerManuallyRegisteredPiece<S> {
  return { store, name, piece: Ctor };
}

const PIECES = [
  // Same name as Sapphire's: replaces its registration-on-ready with ours.
  piece('listeners', 'CoreReady', ReadyListener),
  piece('listeners', 'ZoryxGuildJoined', GuildJoinedListener),
  piece('listeners', 'ZoryxGuildLeft', GuildLeftListener),
  piece('listeners', 'ZoryxMentionOnly', MentionOnlyListener),
  piece('listeners', 'ZoryxChatInputSuccess', ChatInputSuccessListener),
  piece('listeners', 'ZoryxMessageSuccess', MessageSuccessListener),
  piece('listeners', 'ZoryxChatInputError', ChatInputErrorListener),
  piece('listeners', 'ZoryxMessageError', MessageErrorListener),
  piece('listeners', 'ZoryxChatInputDenied', ChatInputDeniedListener),
  piece('listeners', 'ZoryxMessageDenied', MessageDeniedListener),
  piece('listeners', 'ZoryxPrefixFallback', PrefixFallbackListener),
  // Errors Sapphire catches in pieces, logged with the extension (no default error listeners).
  piece('listeners', 'ZoryxListenerError', ListenerErrorListener),
  piece('listeners', 'ZoryxRegistryError', RegistryErrorListener),
  piece('listeners', 'ZoryxInteractionHandlerError', InteractionHandlerErrorListener),
  piece('listeners', 'ZoryxInteractionParseError', InteractionParseErrorListener),
  piece('listeners', 'ZoryxAutocompleteError', AutocompleteErrorListener),
  piece('listeners', 'ZoryxContextMenuError', ContextMenuErrorListener),
  piece('listeners', 'ZoryxClientError', ClientErrorListener),
  piece('preconditions', 'ZoryxIntake', IntakePrecondition),
  piece('preconditions', 'ZoryxPermissionTiers', PermissionTierPrecondition),
  piece('preconditions', 'ZoryxCooldown', CooldownPrecondition),
  // Same name as Sapphire's: `requiredUserPermissions` then honours the tiers.
  piece('preconditions', 'UserPermissions', TierAwareUserPermissions),
];

/**
 * Registers the framework's own pieces with Sapphire's stores. Called after the client is
 * constructed and before login, so they load with Sapphire's core pieces.
 */
export async function registerFrameworkPieces(): Promise<void> {
  for (const entry of PIECES) await container.stores.loadPiece(entry);
}
