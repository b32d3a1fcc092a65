import { describe, expect, it } from 'vitest';
import { html } from './html.js';

describe('html', () => {
  it('escapes interpolated text, arrays included, and keeps nested html', () => {
    const name = '<img src=x onerror=alert(1)>"\'';
    const out = html`<p title="${name}">${[name, html`<b>${name}</b>`]}</p>`.value;
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;');
    expect(out).toContain('<b>&lt;img');
  });

  it('renders nothing for null, undefined and false', () => {
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });
});
