import { type Command, CommandPreConditions, type Piece } from '@sapphire/framework';

/**
 * Removes the `Cooldown` precondition that Sapphire's `Command` constructor appends
 * (`parseConstructorPreConditionsCooldown`) when a command sets `cooldownLimit`/`cooldownDelay`
 * or the client has a `defaultCooldown`. The framework's `CooldownPrecondition` already
 * applies those options (see `cooldownRuleFor`) with owners exempt and its own wording;
 * Sapphire's would count a second time, without the exemption. The options themselves stay on
 * `command.options`.
 *
 * Only top-level entries are removed: that is where Sapphire appends, while a `Cooldown` that a
 * command nests in its own `preconditions` array (e.g. inside an OR group) is a deliberate choice.
 * Pieces without preconditions (listeners…) are left alone. Returns how many entries were removed.
 *
 * @param piece A constructed piece, before it is inserted into its store.
 */
export function dropSapphireCooldown(piece: Piece): number {
  const entries = (piece as Partial<Pick<Command, 'preconditions'>>).preconditions?.entries;
  if (!Array.isArray(entries)) return 0;
  let removed = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry: unknown = entries[i];
    if (
      typeof entry === 'object' &&
      entry !== null &&
      !('entries' in entry) &&
      Reflect.get(entry, 'name') === CommandPreConditions.Cooldown
    ) {
      entries.splice(i, 1);
      removed += 1;
    }
  }
  return removed;
}
