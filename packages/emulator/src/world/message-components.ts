import { cloneData } from '../state/clone.js';
import type { StoredMessage } from '../state/records.js';

type Components = NonNullable<StoredMessage['components']>;
type Node = Record<string, unknown>;

/** Select menu component types: string, user, role, mentionable, channel. */
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function children(node: Node): Node[] {
  const nested: Node[] = [];
  for (const key of ['components', 'items']) {
    const value = node[key];
    if (Array.isArray(value)) nested.push(...(value as Node[]));
  }
  for (const key of ['accessory', 'component']) {
    const value = node[key];
    if (value && typeof value === 'object') nested.push(value as Node);
  }
  return nested;
}

function walk(nodes: readonly Node[], visit: (node: Node) => void): void {
  for (const node of nodes) {
    visit(node);
    walk(children(node), visit);
  }
}

/**
 * The components as Discord stores them: every component gets a numeric `id` (the sender's,
 * or the next free one in tree order, as Discord numbers them) and select menus get their
 * default `min_values`/`max_values` of 1 — fields Discord's schema requires in responses.
 */
export function storedComponents(input: readonly unknown[] | null | undefined): Components {
  if (!input || input.length === 0) return [];
  const copy = cloneData(input as Node[]);
  const taken = new Set<number>();
  walk(copy, (node) => {
    if (typeof node.id === 'number') taken.add(node.id);
  });
  let next = 1;
  walk(copy, (node) => {
    if (typeof node.id !== 'number') {
      while (taken.has(next)) next += 1;
      node.id = next;
      taken.add(next);
    }
    if (typeof node.type === 'number' && SELECT_TYPES.has(node.type)) {
      node.min_values ??= 1;
      node.max_values ??= 1;
    }
  });
  return copy as unknown as Components;
}
