import fc from 'fast-check';
import type { CommandSpec } from '../src/command-spec.js';

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
const TEXT_CHARS = 'abcdefghij klmnopqrstuvwxyz ABCXYZ 0123456789 .,!?'.split('');

/** A valid chat-input name, kept short so that thousands of commands stay realistic in size. */
export const nameArb = fc
  .array(fc.constantFrom(...NAME_CHARS), { minLength: 1, maxLength: 20 })
  .map((chars) => chars.join(''));
const textArb = (max: number) =>
  fc
    .array(fc.constantFrom(...TEXT_CHARS), { minLength: 1, maxLength: max })
    .map((chars) => chars.join(''))
    .filter((text) => text.trim().length > 0);

const basicOptionArb = fc.oneof(
  fc.record({
    type: fc.constant(3),
    name: nameArb,
    description: textArb(20),
    required: fc.boolean(),
    choices: fc.option(
      fc.uniqueArray(fc.record({ name: textArb(10), value: textArb(10) }), {
        maxLength: 3,
        selector: (c) => c.name,
      }),
      { nil: undefined },
    ),
  }),
  fc.record({
    type: fc.constantFrom(4, 10),
    name: nameArb,
    description: textArb(20),
    required: fc.boolean(),
    min_value: fc.option(fc.integer({ min: -100, max: 0 }), { nil: undefined }),
    max_value: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  }),
  fc.record({
    type: fc.constantFrom(5, 6, 7, 8, 9, 11),
    name: nameArb,
    description: textArb(20),
    required: fc.boolean(),
  }),
);

/** Required options first, unique names: Discord's own ordering rules. */
const paramsArb = (max: number) =>
  fc
    .uniqueArray(basicOptionArb, { maxLength: max, selector: (o) => o.name })
    .map((options) =>
      [...options]
        .sort((a, b) => Number(b.required) - Number(a.required))
        .map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>),
    );

const subcommandArb = fc.record({
  type: fc.constant(1),
  name: nameArb,
  description: textArb(20),
  options: paramsArb(2),
});

const optionsArb = fc.oneof(
  { weight: 8, arbitrary: paramsArb(2) },
  {
    weight: 2,
    arbitrary: fc.uniqueArray(subcommandArb, {
      minLength: 1,
      maxLength: 4,
      selector: (s) => s.name,
    }),
  },
);
const groupOptionsArb = fc
  .uniqueArray(subcommandArb, { minLength: 1, maxLength: 3, selector: (s) => s.name })
  .map((subs) => [{ type: 2, name: 'grp', description: 'A group', options: subs }]);

export const CATEGORIES = ['mod', 'fun', 'Music Tools', 'économie', 'admin'] as const;

/** A chat-input command spec; `withGroups` allows subcommand groups (which cannot fold). */
export function chatInputArb(withGroups: boolean): fc.Arbitrary<CommandSpec> {
  return fc
    .record({
      name: nameArb,
      description: textArb(30),
      options: withGroups
        ? fc.oneof({ weight: 9, arbitrary: optionsArb }, { weight: 1, arbitrary: groupOptionsArb })
        : optionsArb,
      category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
      priority: fc.option(fc.integer({ min: -2, max: 2 }), { nil: undefined }),
      // `fc.option`'s freq is the odds of *nil*; these weights make pinning rare on purpose.
      pinned: fc.oneof(
        { weight: 80, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
      default_member_permissions: fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom('8', '4') },
      ),
    })
    .map((raw) => {
      const spec: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw)) {
        if (value !== undefined && !(Array.isArray(value) && value.length === 0)) spec[key] = value;
      }
      return spec as unknown as CommandSpec;
    });
}

/** A user or message context-menu command. */
export const contextMenuArb: fc.Arbitrary<CommandSpec> = fc
  .record({ type: fc.constantFrom(2, 3), name: textArb(20) })
  .map((raw) => raw as unknown as CommandSpec);

/** A set of unique commands (by type and name) of the given size range. */
export function commandSetArb(options: {
  minLength: number;
  maxLength: number;
  withGroups: boolean;
}): fc.Arbitrary<CommandSpec[]> {
  const item = fc.oneof(
    { weight: 30, arbitrary: chatInputArb(options.withGroups) },
    { weight: 1, arbitrary: contextMenuArb },
  );
  return fc.uniqueArray(item, {
    minLength: options.minLength,
    maxLength: options.maxLength,
    size: 'max',
    selector: (c) => `${c.type ?? 1}:${c.name}`,
  });
}
