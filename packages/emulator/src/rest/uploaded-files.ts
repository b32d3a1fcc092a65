import type { UploadedFile } from './router.js';

// The bytes of uploaded files, beside the file records: most routes only check names and sizes,
// the few that keep an upload (stickers) read the bytes here.
const contents = new WeakMap<UploadedFile, Buffer>();

/** Records the bytes of an uploaded file (the HTTP server does, while parsing multipart). */
export function keepFileData(file: UploadedFile, data: Buffer): void {
  contents.set(file, data);
}

/** The bytes of an uploaded file, if the HTTP server kept them. */
export function fileData(file: UploadedFile): Buffer | undefined {
  return contents.get(file);
}

/** A route answer that is raw bytes (CDN images) rather than JSON. */
export class BinaryResponse {
  /** Bytes answered with `contentType` and status 200. */
  public constructor(
    public readonly contentType: string,
    public readonly data: Buffer,
  ) {}
}
