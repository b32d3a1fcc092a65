// Placeholder: the registry built-in extension is being written.
export const pending = 'registry';
