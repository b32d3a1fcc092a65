// Preloaded (`node --import`) into the Sapphire peer of `throughput.mjs`, so that the same peer
// bot answers `!ping` too. The peer's `ping` is slash-only (bots/sapphire-bot.mjs) and a
// slash-only Sapphire command cannot answer a prefix message; Zoryx answers one by running
// `chatInputRun` with a message-backed interaction. This gives the peer the plain Sapphire way:
// a `messageRun` that replies to the message, and the default prefix `!`.
import { Command, SapphireClient } from '@sapphire/framework';

Command.prototype.messageRun = function messageRun(message) {
  return message.reply('pong');
};

const login = SapphireClient.prototype.login;
SapphireClient.prototype.login = function loginWithPrefix(token) {
  this.options.defaultPrefix ??= '!';
  return login.call(this, token);
};
