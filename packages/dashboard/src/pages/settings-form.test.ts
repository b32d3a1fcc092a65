import { describe, expect, it } from 'vitest';
import { settingsFields, settingsPatch } from './settings-form.js';

// A JSON Schema as zod's toJSONSchema({ io: 'input' }) writes it: `name` required, the rest optional.
const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    footer: { type: 'string' },
    limit: { type: 'integer' },
    mode: { type: 'string', enum: ['a', 'b'] },
    apiKey: { type: 'string' },
    hook: {
      type: 'object',
      properties: { url: { type: 'string' }, note: { type: 'string' } },
      required: ['url'],
    },
  },
  required: ['name'],
};
const view = {
  schema,
  values: { name: 'n', footer: 'f', limit: 3, mode: 'a', apiKey: '[secret]', hook: { url: 'u' } },
  secretPaths: ['apiKey'],
};

describe('settingsPatch: the form read back as a JSON Merge Patch', () => {
  it('sends null for an emptied optional field, the empty text for a required one', () => {
    const patch = settingsPatch(view, {
      'setting:name': '',
      'setting:footer': '',
      'setting:limit': '',
      'setting:mode': '',
      'setting:apiKey': '',
      'setting:hook.url': '',
      'setting:hook.note': '',
    });
    // hook.note was never set: an empty box leaves it unset without a patch entry.
    expect(patch).toEqual({ name: '', footer: null, limit: null, mode: null, hook: { url: '' } });
  });

  it('keeps a secret when its box is empty, unsets it only when "clear" is ticked', () => {
    expect(settingsPatch(view, { 'setting:apiKey': '' })).toEqual({});
    expect(settingsPatch(view, { 'setting:apiKey': '', 'unset:apiKey': 'on' })).toEqual({
      apiKey: null,
    });
  });

  it('removes a whole optional section when its box is ticked, whatever its inputs say', () => {
    expect(settingsPatch(view, { 'setting:hook.url': 'kept?', 'unset:hook': 'on' })).toEqual({
      hook: null,
    });
  });

  it('draws "—" for an optional enum and a "clear"/"remove" box for a set optional secret/section', () => {
    const html = String(settingsFields(view));
    expect(html).toContain('<select name="setting:mode"><option value="">—</option>');
    expect(html).toContain('<input type="checkbox" name="unset:apiKey" value="on"> clear');
    expect(html).toContain(
      '<input type="checkbox" name="unset:hook" value="on"> remove this section',
    );
    // Not for a required key nor an unset section.
    expect(html).not.toContain('name="unset:name"');
    expect(String(settingsFields({ ...view, values: { name: 'n' } }))).not.toContain(
      'name="unset:hook"',
    );
  });
});
