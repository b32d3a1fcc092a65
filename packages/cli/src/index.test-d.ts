import type { OptionValue } from '@zoryx/emulator';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CliArgs,
  type CliErrorCode,
  type ComponentAction,
  main,
  newExtension,
  parseCliArgs,
  parseSlashLine,
  type RenderedMessage,
  renderMessage,
  runChat,
} from './index.js';

describe('public types', () => {
  it('parses arguments into a discriminated union', () => {
    const args = parseCliArgs(['dev']);
    expectTypeOf(args).toEqualTypeOf<CliArgs>();
    if (args.command === 'dev') expectTypeOf(args.offline).toEqualTypeOf<boolean | undefined>();
    if (args.command === 'new-extension') expectTypeOf(args.name).toEqualTypeOf<string>();
  });

  it('renders to text and numbered actions', () => {
    const rendered = renderMessage({ content: 'hi', embeds: [], components: [] });
    expectTypeOf(rendered).toEqualTypeOf<RenderedMessage>();
    expectTypeOf(rendered.actions[0]).toEqualTypeOf<ComponentAction | undefined>();
    const action = rendered.actions[0]!;
    if (action.kind === 'select') expectTypeOf(action.options[0]!.value).toEqualTypeOf<string>();
  });

  it('parses slash lines into emulator option values', () => {
    const parsed = parseSlashLine('ping', [], {
      user: () => undefined,
      channel: () => undefined,
      role: () => undefined,
    });
    expectTypeOf(parsed.options.anything).toEqualTypeOf<OptionValue | undefined>();
  });

  it('has promise-returning entry points and typed error codes', () => {
    expectTypeOf(main).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(runChat).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(newExtension).returns.resolves.toHaveProperty('relativeFile');
    expectTypeOf<'ZRX_CLI_USAGE'>().toExtend<CliErrorCode>();
  });
});
