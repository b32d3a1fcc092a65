import type { Attachment } from 'discord.js';
import { AutomationError } from '../errors.js';

/** Largest JSON file `rules create|edit|import` reads. */
const MAX_BYTES = 256 * 1024;

/** Parses JSON text given to a command; `ZRX_AUTOMATION_INVALID` with the parser's message. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AutomationError(
      'ZRX_AUTOMATION_INVALID',
      `${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      {
        errors: [{ path: '(json)', message: 'not valid JSON' }],
      },
    );
  }
}

/** Reads a JSON attachment (size-capped). */
export async function readJsonAttachment(file: Attachment, what: string): Promise<unknown> {
  if (file.size > MAX_BYTES) {
    throw new AutomationError(
      'ZRX_AUTOMATION_IMPORT',
      `${what} is ${file.size} bytes; at most ${MAX_BYTES} are read.`,
    );
  }
  const response = await fetch(file.url);
  if (!response.ok)
    throw new AutomationError(
      'ZRX_AUTOMATION_IMPORT',
      `${what} could not be downloaded (HTTP ${response.status}).`,
    );
  return parseJsonText(await response.text(), what);
}
