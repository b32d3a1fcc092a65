import { DefaultRestOptions, type RESTOptions } from '@discordjs/rest';

type MakeRequest = RESTOptions['makeRequest'];

/** Referenced messages remembered (the oldest are forgotten past this). */
const REMEMBERED = 10_000;

/**
 * Makes a worker's replies to a user's message idempotent across workers, the way Discord
 * offers: each message the bot sends that references message R carries the nonce `R` (its
 * n-th such reply `R.n`) with `enforce_nonce`, so when a worker killed after replying but
 * before acknowledging the event has it re-run elsewhere, Discord returns the first reply
 * instead of posting a second. The re-run sends the same replies in the same order, hence
 * the same nonces. A retry of one request (same body) keeps its nonce; the flip side: a second
 * reply identical to an earlier one to the same message counts as that one. Messages that carry
 * their own nonce are left alone.
 */
export function replyNonces(
  makeRequest: MakeRequest = DefaultRestOptions.makeRequest,
): MakeRequest {
  const sent = new Map<string, Map<string, string>>();
  return (url, init) => {
    if (
      init.method === 'POST' &&
      typeof init.body === 'string' &&
      /\/channels\/\d+\/messages$/.test(new URL(url).pathname)
    ) {
      const body = JSON.parse(init.body) as {
        nonce?: unknown;
        enforce_nonce?: boolean;
        message_reference?: { message_id?: unknown };
      };
      const ref = body.message_reference?.message_id;
      if (typeof ref === 'string' && body.nonce === undefined) {
        // The REST client retries a request that timed out (15 s) with the same body: it must
        // carry the same nonce, or a slow-but-successful first attempt and its retry both post.
        // So the nonce belongs to (referenced message, body); a new body is the next reply.
        const replies = sent.get(ref) ?? new Map<string, string>();
        let nonce = replies.get(init.body);
        if (nonce === undefined) {
          const n = replies.size + 1;
          nonce = n === 1 ? ref : `${ref}.${n}`;
          replies.set(init.body, nonce);
        }
        sent.delete(ref);
        sent.set(ref, replies);
        if (sent.size > REMEMBERED) sent.delete(sent.keys().next().value!);
        body.nonce = nonce;
        body.enforce_nonce = true;
        return makeRequest(url, { ...init, body: JSON.stringify(body) });
      }
    }
    return makeRequest(url, init);
  };
}
