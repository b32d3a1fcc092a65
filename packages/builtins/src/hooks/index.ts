// Placeholder: the hooks built-in extension is being written.
export const pending = 'hooks';
