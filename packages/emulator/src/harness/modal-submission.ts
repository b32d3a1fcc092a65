import { ComponentType } from 'discord-api-types/v10';
import { EmulatorError } from '../errors.js';
import type { ModalHandle, ModalValues } from './modal.js';

interface InputLike {
  type: number;
  id?: number;
  custom_id?: string;
  required?: boolean;
}

function submitted(
  input: InputLike,
  values: ModalValues,
  modal: ModalHandle,
): Record<string, unknown> {
  const id = input.custom_id ?? '';
  const value = values[id];
  const required = input.required !== false && input.type === ComponentType.TextInput;
  if (value === undefined && required) {
    throw new EmulatorError(
      'ZRX_EMULATOR_INVALID_OPTION',
      `Modal "${modal.customId}": required field "${id}" has no value.`,
      `Pass a value for every required field: ${modal.fieldIds.join(', ')}.`,
    );
  }
  const base = {
    type: input.type,
    ...(input.id !== undefined ? { id: input.id } : {}),
    custom_id: id,
  };
  if (input.type === ComponentType.TextInput) {
    return { ...base, value: typeof value === 'string' ? value : (value ?? []).join(',') };
  }
  return {
    ...base,
    values: value === undefined ? [] : typeof value === 'string' ? [value] : [...value],
  };
}

/**
 * The `components` of a MODAL_SUBMIT: the modal's layout mirrored with the user's values,
 * action rows for classic modals, labels for the newer layout, as Discord sends them.
 */
export function modalSubmission(modal: ModalHandle, values: ModalValues): unknown[] {
  const known = new Set(modal.fieldIds);
  for (const key of Object.keys(values)) {
    if (!known.has(key)) {
      throw new EmulatorError(
        'ZRX_EMULATOR_INVALID_OPTION',
        `Modal "${modal.customId}" has no field "${key}".`,
        `Its fields are: ${modal.fieldIds.join(', ') || 'none'}.`,
      );
    }
  }
  const rows: unknown[] = [];
  for (const row of modal.raw.components as unknown as (InputLike & {
    components?: InputLike[];
    component?: InputLike;
  })[]) {
    if (row.type === ComponentType.ActionRow) {
      rows.push({
        type: row.type,
        components: (row.components ?? []).map((input) => submitted(input, values, modal)),
      });
    } else if (row.component) {
      rows.push({
        type: row.type,
        ...(row.id !== undefined ? { id: row.id } : {}),
        component: submitted(row.component, values, modal),
      });
    }
  }
  return rows;
}
