import { type APIMessage, ComponentType } from 'discord-api-types/v10';
import { EmulatorError } from '../errors.js';

/** A component found in a message, as Discord's JSON. */
export interface FoundComponent {
  type: number;
  custom_id?: string;
  disabled?: boolean;
  options?: { value: string }[];
  min_values?: number;
  max_values?: number;
}

/** Every interactive component of a message (rows, containers, sections and accessories). */
export function interactiveComponents(message: APIMessage): FoundComponent[] {
  const found: FoundComponent[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const component = node as FoundComponent & {
      components?: unknown[];
      accessory?: unknown;
      component?: unknown;
    };
    if (component.custom_id !== undefined) found.push(component);
    for (const child of component.components ?? []) visit(child);
    visit(component.accessory);
    visit(component.component);
  };
  for (const component of message.components ?? []) visit(component);
  return found;
}

/** The component with `customId`, or ZRX_EMULATOR_UNKNOWN_COMPONENT naming the ones there are. */
export function findComponent(
  message: APIMessage,
  customId: string,
  kinds: readonly number[],
): FoundComponent {
  const all = interactiveComponents(message);
  const component = all.find((candidate) => candidate.custom_id === customId);
  if (!component || !kinds.includes(component.type)) {
    const listed = all
      .map((candidate) => `${candidate.custom_id} (type ${candidate.type})`)
      .join(', ');
    throw new EmulatorError(
      'ZRX_EMULATOR_UNKNOWN_COMPONENT',
      `Message ${message.id} has no ${kinds.includes(ComponentType.Button) ? 'button' : 'select menu'} with custom id "${customId}"; it has: ${listed || 'no interactive components'}.`,
      'Use one of the custom ids listed, or await the message that carries the component.',
    );
  }
  if (component.disabled) {
    throw new EmulatorError(
      'ZRX_EMULATOR_UNKNOWN_COMPONENT',
      `Component "${customId}" on message ${message.id} is disabled; Discord users cannot use it.`,
      'Enable the component in the bot before clicking it, or assert that it is disabled.',
    );
  }
  return component;
}

/** The select menu component types. */
export const SELECT_TYPES = [
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
] as const;
