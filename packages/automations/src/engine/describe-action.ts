import type { Action } from '../model/action-schema.js';
import type { EventFacts } from './event-facts.js';
import type { ActionPort, RunContext } from './run-rule.js';

function quote(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);
}

/** One line saying what an action does for an event (the dry-run trace, and the real run's log). */
export function describeAction(action: Action, facts: EventFacts, run: RunContext): string {
  const channel = (id: string | undefined) => (id ? `<#${id}>` : '(no channel)');
  switch (action.type) {
    case 'send_message':
      return `send_message ${channel(action.channelId ?? facts.channelId)}: ${quote(
        run.render(action.content ?? action.embed?.description ?? action.embed?.title ?? ''),
      )}`;
    case 'reply':
    case 'dm':
    case 'webhook':
      return `${action.type}: ${quote(run.render(action.content))}`;
    case 'add_role':
    case 'remove_role':
      return `${action.type} <@&${action.roleId}> to <@${facts.userId ?? '?'}>`;
    case 'timeout':
      return `timeout <@${facts.userId ?? '?'}> for ${action.seconds} s`;
    case 'delete_message':
      return `delete_message ${facts.messageId ?? '(no message)'}`;
    case 'create_channel':
      return `create_channel ${action.kind} ${quote(run.render(action.name))}`;
    case 'delete_channel':
      return `delete_channel ${channel(action.channelId ?? facts.channelId)}`;
    case 'move_member':
      return `move_member <@${facts.userId ?? '?'}> to ${channel(action.channelId)}`;
    case 'wait':
      return `wait ${action.ms} ms`;
    case 'set_variable':
      return `set_variable ${action.scope}:${action.name} = ${quote(run.render(action.value))}`;
    case 'increment':
      return `increment ${action.scope}:${action.name} by ${action.by}`;
    case 'emit_hook':
      return `emit_hook ${action.name}`;
    case 'run_rule':
      return `run_rule ${action.ruleId}`;
    case 'reaction_role':
      return `reaction_role ${facts.event === 'reaction_remove' ? 'remove' : 'add'} for ${facts.emojiName ?? '?'}`;
    case 'award_xp':
      return `award_xp ${action.amount} to <@${facts.userId ?? '?'}>`;
    case 'open_ticket':
      return `open_ticket ${quote(run.render(action.name))}`;
    case 'close_ticket':
      return `close_ticket ${channel(facts.channelId)}`;
    case 'temp_voice':
      return `temp_voice ${quote(run.render(action.name))}`;
    case 'cleanup_temp_voice':
      return 'cleanup_temp_voice';
  }
}

/** The port of a dry run: describes each action, changes nothing. */
export const dryRunPort: ActionPort = {
  perform: async (action, facts, run) => `would ${describeAction(action, facts, run)}`,
};
