// The webhook bridge posts only to Discord's own webhook endpoints: anything else would let a rule
// author make the bot request arbitrary URLs (SSRF). Parsed as a URL, so tricks such as
// `https://discord.com.evil.example/api/webhooks/…` or `https://x@discord.com@evil/` fail.
const HOSTS = new Set(['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com']);

/** The id and token of a Discord webhook URL, or `undefined` when it is not one. */
export function parseDiscordWebhookUrl(url: string): { id: string; token: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) {
    return undefined;
  }
  if (!HOSTS.has(parsed.hostname)) return undefined;
  const match = /^\/api(?:\/v\d+)?\/webhooks\/(\d{15,21})\/([\w-]{1,100})\/?$/.exec(
    parsed.pathname,
  );
  return match?.[1] && match[2] ? { id: match[1], token: match[2] } : undefined;
}

/** True for a Discord webhook URL. */
export function isDiscordWebhookUrl(url: string): boolean {
  return parseDiscordWebhookUrl(url) !== undefined;
}
