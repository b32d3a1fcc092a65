// Placeholder: the diagnostics built-in extension is being written.
export const pending = 'diagnostics';
