import { Locale } from 'discord-api-types/v10';
import { codePointLength } from './code-point-length.js';
import { isRecord } from './is-record.js';
import { CHAT_INPUT_NAME_PATTERN, DiscordLimits } from './limits.js';
import type { Violation, ViolationRule } from './violation.js';

/** Collects violations while the validator walks a payload. */
export class ValidationContext {
  public readonly violations: Violation[] = [];

  public report(path: string, rule: ViolationRule, message: string): void {
    this.violations.push({ path, rule, message: `${path === '' ? 'command' : path}: ${message}` });
  }
}

const LOCALES: ReadonlySet<string> = new Set(Object.values(Locale));

/** Joins a parent path and a key: `options[1]` + `name` → `options[1].name`. */
export function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** A chat-input or option name: 1–32 characters, Discord's pattern, lowercase where possible. */
export function checkChatInputName(ctx: ValidationContext, path: string, name: unknown): void {
  if (typeof name !== 'string' || name.length === 0) {
    ctx.report(
      path,
      'name.length',
      `a name of 1–${DiscordLimits.nameLength} characters is required`,
    );
    return;
  }
  const length = codePointLength(name);
  if (length > DiscordLimits.nameLength) {
    ctx.report(
      path,
      'name.length',
      `"${name}" has ${length} characters; the limit is ${DiscordLimits.nameLength}`,
    );
    return;
  }
  if (!CHAT_INPUT_NAME_PATTERN.test(name)) {
    ctx.report(
      path,
      'name.pattern',
      `"${name}" may only contain letters, numbers, "-", "_" and "'" (no spaces)`,
    );
    return;
  }
  if (name !== name.toLowerCase()) {
    ctx.report(path, 'name.lowercase', `"${name}" must be lowercase ("${name.toLowerCase()}")`);
  }
}

/** A context-menu name: 1–32 characters, any case, spaces allowed. */
export function checkContextMenuName(ctx: ValidationContext, path: string, name: unknown): void {
  const length = typeof name === 'string' ? codePointLength(name) : 0;
  if (typeof name !== 'string' || length === 0 || length > DiscordLimits.nameLength) {
    ctx.report(
      path,
      'name.length',
      `a name of 1–${DiscordLimits.nameLength} characters is required (got ${JSON.stringify(name)})`,
    );
  }
}

/** A string of `min`–`max` characters (descriptions, choice names). */
export function checkText(
  ctx: ValidationContext,
  path: string,
  value: unknown,
  rule: ViolationRule,
  min: number,
  max: number,
): void {
  const length = typeof value === 'string' ? codePointLength(value) : -1;
  if (length < min || length > max) {
    const got = typeof value === 'string' ? `${length} characters` : JSON.stringify(value);
    ctx.report(path, rule, `must be ${min}–${max} characters (got ${got})`);
  }
}

/** A localisation map: known locale keys, each value passing `checkValue` (null clears a locale). */
export function checkLocalizations(
  ctx: ValidationContext,
  path: string,
  map: unknown,
  checkValue: (valuePath: string, value: unknown) => void,
): void {
  if (map === undefined || map === null) return;
  if (!isRecord(map)) {
    ctx.report(path, 'localization.locale', 'must be an object keyed by locale');
    return;
  }
  for (const [locale, value] of Object.entries(map)) {
    const valuePath = `${path}.${locale}`;
    if (!LOCALES.has(locale)) {
      ctx.report(valuePath, 'localization.locale', `"${locale}" is not a Discord locale`);
      continue;
    }
    if (value !== null) checkValue(valuePath, value);
  }
}
