import { describe, expect, it } from 'vitest';
import { checkHierarchy, type HierarchyInput } from './hierarchy.js';

const base: HierarchyInput = {
  action: 'kick',
  ownerId: 'owner',
  invoker: { id: 'mod', position: 5 },
  bot: { id: 'bot', position: 10 },
  target: { id: 'member', name: 'bob', position: 1 },
};
const reason = (patch: Partial<HierarchyInput>) => checkHierarchy({ ...base, ...patch })?.reason;

describe('checkHierarchy', () => {
  it('allows a target below both the invoker and the bot', () => {
    expect(checkHierarchy(base)).toBeNull();
  });

  it('refuses yourself, the owner and the bot, whatever the positions', () => {
    expect(reason({ target: { id: 'mod', name: 'me', position: 0 } })).toBe('self');
    expect(reason({ target: { id: 'owner', name: 'o', position: 0 } })).toBe('owner');
    expect(reason({ target: { id: 'bot', name: 'b', position: 0 } })).toBe('bot');
  });

  it('needs the invoker strictly above the target, unless the invoker owns the guild', () => {
    expect(reason({ target: { id: 'x', name: 'x', position: 5 } })).toBe('invoker-rank');
    expect(reason({ target: { id: 'x', name: 'x', position: 6 } })).toBe('invoker-rank');
    const asOwner = { invoker: { id: 'owner', position: 0 } };
    expect(reason({ ...asOwner, target: { id: 'x', name: 'x', position: 9 } })).toBeUndefined();
  });

  it('needs the bot strictly above the target, even for the owner', () => {
    const asOwner = { invoker: { id: 'owner', position: 0 } };
    expect(reason({ ...asOwner, target: { id: 'x', name: 'x', position: 10 } })).toBe('bot-rank');
  });

  it('lets a ban through for someone who is not a member (no position to compare)', () => {
    expect(
      checkHierarchy({ ...base, action: 'ban', target: { id: 'gone', name: 'g' } }),
    ).toBeNull();
  });

  it('words the refusal for the action', () => {
    const self = { target: { id: 'mod', name: 'me', position: 0 } };
    expect(checkHierarchy({ ...base, ...self, action: 'timeout' })?.message).toBe(
      'You cannot time yourself out.',
    );
    expect(checkHierarchy({ ...base, ...self, action: 'ban' })?.message).toBe(
      'You cannot ban yourself.',
    );
  });
});
