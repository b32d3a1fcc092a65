// Placeholder: the limits built-in extension is being written.
export const pending = 'limits';
