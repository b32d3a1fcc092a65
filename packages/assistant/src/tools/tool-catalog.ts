import { reloadExtensionTool, resetHookBreakerTool } from './action-tools.js';
import { holds } from './asker-access.js';
import { explainCommandTool, searchCommandsTool, slashLimitPlanTool } from './command-tools.js';
import { searchDocsTool } from './docs-tool.js';
import { explainExtensionTool, listExtensionsTool } from './extension-tools.js';
import {
  diagnosticsTool,
  hookMetricsTool,
  recentErrorsTool,
  storageStatsTool,
} from './runtime-tools.js';
import type { Asker, AssistantTool } from './tool-types.js';

/** Every tool of the assistant: read-only introspection first, then the confirmed actions. */
export const ASSISTANT_TOOLS: readonly AssistantTool[] = [
  searchCommandsTool,
  explainCommandTool,
  slashLimitPlanTool,
  listExtensionsTool,
  explainExtensionTool,
  hookMetricsTool,
  diagnosticsTool,
  recentErrorsTool,
  storageStatsTool,
  searchDocsTool,
  reloadExtensionTool,
  resetHookBreakerTool,
];

/** The tools `asker` holds the permission for: the only ones offered to the model. */
export function toolsFor(asker: Pick<Asker, 'access'>): AssistantTool[] {
  return ASSISTANT_TOOLS.filter((tool) => holds(asker.access, tool.permission));
}
