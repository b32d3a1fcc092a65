import type { AssistantService } from '../assistant-service.js';

/** The text of `/ask usage`: today's tokens against the budget, questions, the asker's share, the limits. */
export async function usageReport(service: AssistantService, userId: string): Promise<string> {
  const usage = await service.usage();
  const settings = service.settings();
  const mine = usage.users[userId] ?? { tokens: 0, questions: 0 };
  const percent = Math.min(100, Math.round((usage.tokens / settings.dailyTokenBudget) * 100));
  return [
    `**Assistant usage — ${usage.day} (UTC)**`,
    `Tokens: ${usage.tokens.toLocaleString('en-US')} / ${settings.dailyTokenBudget.toLocaleString('en-US')} (${percent} %)`,
    `Questions today: ${usage.questions} · yours: ${mine.questions} (${mine.tokens.toLocaleString('en-US')} tokens)`,
    `Limits: ${settings.userPerMinute}/min per user · ${settings.guildPerMinute}/min per server · ${settings.maxToolCalls} tool calls per question`,
  ].join('\n');
}
