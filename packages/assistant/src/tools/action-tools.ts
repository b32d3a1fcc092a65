import { type ActionTool, oneString, stringArg, ToolInputError } from './tool-types.js';

/** `reload_extension`: proposes reloading an extension (and its dependents). */
export const reloadExtensionTool: ActionTool = {
  kind: 'action',
  name: 'reload_extension',
  description:
    'Proposes reloading one extension and its dependents (rolled back if it fails). Nothing happens until a bot owner presses the confirmation button under the answer.',
  parameters: oneString('name', 'The extension to reload'),
  permission: 'owner',
  preview(args, { bot }) {
    const name = stringArg(args, 'name').toLowerCase();
    const status = bot.extensions.statusOf(name);
    if (!status) throw new ToolInputError(`No extension named "${name}".`);
    if (name === 'assistant') throw new ToolInputError('The assistant does not reload itself.');
    return `Reload the extension \`${name}\` (state: ${status.state}) and its dependents.`;
  },
  async execute(args, { bot }) {
    const name = stringArg(args, 'name').toLowerCase();
    const reloaded = await bot.extensions.reload(name);
    return `Reloaded ${reloaded.map((n) => `\`${n}\``).join(', ')}.`;
  },
};

/** `reset_hook_breaker`: proposes closing a hook's circuit breaker. */
export const resetHookBreakerTool: ActionTool = {
  kind: 'action',
  name: 'reset_hook_breaker',
  description:
    "Proposes closing one event hook's circuit breaker and forgetting its failures (see hook_metrics for ids). Nothing happens until a bot owner presses the confirmation button.",
  parameters: oneString('hook_id', 'The hook id, e.g. "economy:on-message"'),
  permission: 'owner',
  preview(args, { bot }) {
    const id = stringArg(args, 'hook_id');
    const hook = bot.hooks.hooks().find((h) => h.id === id);
    if (!hook) throw new ToolInputError(`No hook with id "${id}"; hook_metrics lists them.`);
    return `Close the circuit breaker of hook \`${id}\` (now ${JSON.stringify(hook.breaker)}).`;
  },
  async execute(args, { bot }) {
    const id = stringArg(args, 'hook_id');
    bot.hooks.resetBreaker(id);
    return `The circuit breaker of \`${id}\` is closed and its failures are forgotten.`;
  },
};
