import { z } from 'zod';
import type { DashboardContext } from '../context.js';
import { html, type SafeHtml } from './html.js';
import { table } from './layout.js';

const cell = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

const widgetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('stat'),
    label: z.string().max(100),
    value: z.union([z.string().max(200), z.number()]),
  }),
  z.object({
    kind: z.literal('table'),
    label: z.string().max(100),
    columns: z.array(z.string().max(100)).max(20),
    rows: z.array(z.array(cell).max(20)).max(500),
  }),
]);

/**
 * What an extension's page is made of: data only. The dashboard renders it with its own
 * components (every string as text), so an extension can add no markup and no script.
 */
export const dashboardPageSchema = z.object({
  title: z.string().min(1).max(100),
  /** Settings shown read-only: the extension's config values it chooses to show. */
  settings: z
    .array(z.object({ key: z.string().max(100), label: z.string().max(100), value: cell }))
    .max(100)
    .default([]),
  widgets: z.array(widgetSchema).max(50).default([]),
});

/** The page an extension declares: return it from `dashboardPage()` in its public API. */
export type DashboardPageData = z.input<typeof dashboardPageSchema>;
/** One read-only widget of an extension page. */
export type DashboardWidget = z.input<typeof widgetSchema>;

function pageFunction(api: unknown): (() => unknown) | undefined {
  if (typeof api !== 'object' || api === null) return undefined;
  const fn: unknown = Reflect.get(api, 'dashboardPage');
  return typeof fn === 'function' ? () => Reflect.apply(fn, api, []) : undefined;
}

/**
 * Extension pages, read from the loaded extensions' public APIs on every render: an extension
 * whose API has `dashboardPage()` gets a page; unloaded, its API is gone and so is its page.
 */
export class ExtensionPages {
  public constructor(private readonly ctx: DashboardContext) {}

  /** Loaded extensions that declare a page. */
  public names(): string[] {
    return this.ctx.client.extensions
      .status()
      .filter(
        (s) => s.state === 'loaded' && pageFunction(this.ctx.extensions.get(s.name)) !== undefined,
      )
      .map((s) => s.name);
  }

  /** Renders an extension's page, or `null` when it has none (not loaded, or no page). */
  public async render(name: string): Promise<{ title: string; body: SafeHtml } | null> {
    if (!this.ctx.extensions.has(name)) return null;
    const fn = pageFunction(this.ctx.extensions.get(name));
    if (!fn) return null;
    let data: z.output<typeof dashboardPageSchema>;
    try {
      data = dashboardPageSchema.parse(await fn());
    } catch (error) {
      this.ctx.logger.warn({ err: error, extension: name }, 'extension page data is invalid');
      return {
        title: name,
        body: html`<p class="warn">This extension's page data is invalid.</p>`,
      };
    }
    const settings = data.settings.length
      ? html`<h2>Settings</h2>${table(
          ['Setting', 'Key', 'Value'],
          data.settings.map((s) => [s.label, s.key, String(s.value ?? '—')]),
          'settings',
        )}`
      : '';
    const widgets = data.widgets.map((w) =>
      w.kind === 'stat'
        ? html`<dl class="stat"><dt>${w.label}</dt><dd>${String(w.value)}</dd></dl>`
        : html`<h2>${w.label}</h2>${table(
            w.columns,
            w.rows.map((r) => r.map((c) => String(c ?? '—'))),
          )}`,
    );
    // The editable form is the dashboard's own settings page, drawn from the config schema.
    const edit =
      this.ctx.client.extensions.configSchemaOf(name) !== undefined
        ? html`<p><a href="/extensions/${encodeURIComponent(name)}/settings">All settings</a></p>`
        : '';
    return { title: data.title, body: html`${settings}${edit}${widgets}` };
  }
}
