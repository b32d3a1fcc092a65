// Placeholder: the core built-in extension is being written.
export const pending = 'core';
