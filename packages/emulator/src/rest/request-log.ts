/** One REST request the bot made, as `discord.requests()` lists it. */
export interface RequestRecord {
  /** HTTP method, e.g. `'POST'`. */
  method: string;
  /** The matched route pattern, e.g. `'/channels/:channel_id/messages'` (the path when unmatched). */
  route: string;
  /** The concrete path below `/api/v10`, e.g. `'/channels/1234/messages'`. */
  path: string;
  /** The parsed JSON body (`payload_json` for multipart), or `undefined`. */
  body: unknown;
  /** The HTTP status answered. */
  status: number;
  /** The JSON answered (Discord's error body for failures), or `undefined` for 204. */
  response: unknown;
}

/** Formats the last requests for error messages (a failing `.reply()` shows what the bot did). */
export function describeRequests(requests: readonly RequestRecord[], last = 10): string {
  if (requests.length === 0) return '  (the bot made no REST requests)';
  return requests
    .slice(-last)
    .map((request) => {
      const error =
        request.status >= 400 && typeof request.response === 'object' && request.response !== null
          ? ` ${JSON.stringify(request.response).slice(0, 200)}`
          : '';
      return `  ${request.method} ${request.path} -> ${request.status}${error}`;
    })
    .join('\n');
}
