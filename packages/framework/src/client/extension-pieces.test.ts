import { describe, expect, it } from 'vitest';
import { defaultPieceName } from './extension-pieces.js';

describe('defaultPieceName', () => {
  it('derives kebab-case names from class names without the kind suffix', () => {
    expect(defaultPieceName(class BanCommand {})).toBe('ban');
    expect(defaultPieceName(class XpListener {})).toBe('xp');
    expect(defaultPieceName(class ServerSettingsCommand {})).toBe('server-settings');
    expect(defaultPieceName(class Command {})).toBe('command');
    expect(defaultPieceName({ name: '' })).toBe('');
  });
});
