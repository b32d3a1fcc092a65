/** Longest tool output handed to the model, in characters (the rest is cut with a note). */
export const TOOL_OUTPUT_MAX = 6000;

/** A value as compact JSON for the model, clipped to {@link TOOL_OUTPUT_MAX}. */
export function asToolOutput(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length <= TOOL_OUTPUT_MAX
    ? text
    : `${text.slice(0, TOOL_OUTPUT_MAX)}… [cut: ${text.length - TOOL_OUTPUT_MAX} more characters; ask a narrower question]`;
}
