import { sha256 } from '../snapshot/canonical.js';
import type { AssetData } from '../snapshot/migrations.js';

/** Images downloaded during one capture, by the SHA-256 of their bytes. */
export class AssetCollector {
  public readonly assets = new Map<string, AssetData>();
  readonly #pending: Promise<void>[] = [];

  /**
   * Downloads `url` in the background; `assign` receives the image's hash (or null when the
   * download failed: the snapshot then records no image rather than failing the whole backup).
   */
  public add(url: string, assign: (hash: string | null) => void): void {
    this.#pending.push(this.#download(url).then(assign, () => assign(null)));
  }

  /** Resolves once every download settled. */
  public async settle(): Promise<void> {
    await Promise.all(this.#pending);
  }

  async #download(url: string): Promise<string | null> {
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (!response.ok) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const hash = sha256(bytes);
    this.assets.set(hash, {
      contentType: response.headers.get('content-type') ?? 'image/png',
      base64: Buffer.from(bytes).toString('base64'),
    });
    return hash;
  }
}
