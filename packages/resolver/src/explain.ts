import type { ResolutionPlan } from './plan';
import type { Problem } from './problem';

const INDENT = '    ';

/**
 * The human report behind {@link ResolutionPlan.explain}: a summary line, the load order
 * level by level, every skipped extension with its errors and hints, then warnings and
 * input that was ignored.
 */
export function explainPlan(
  plan: ResolutionPlan,
  versionOf: (name: string) => string | undefined,
): string {
  const named = (name: string): string => {
    const version = versionOf(name);
    return version === undefined ? name : `${name}@${version}`;
  };
  const skippedNames = new Set(plan.skipped.map((entry) => entry.name));
  const warnings: Problem[] = [];
  const ignored: Problem[] = [];
  for (const problem of plan.problems) {
    if (problem.severity === 'warning') warnings.push(problem);
    else if (!skippedNames.has(problem.extension)) ignored.push(problem);
  }
  const total = plan.order.length + plan.skipped.length;
  const lines: string[] = [
    `${plan.order.length} of ${total} extension${total === 1 ? '' : 's'} will load; ${plan.skipped.length} skipped, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}.`,
  ];

  if (plan.levels.length > 0) {
    lines.push(
      '',
      `Load order (${plan.levels.length} level${plan.levels.length === 1 ? '' : 's'}):`,
    );
    plan.levels.forEach((level, index) => {
      lines.push(`  ${index + 1}. ${level.map(named).join(', ')}`);
    });
  }
  if (plan.skipped.length > 0) {
    lines.push('', `Skipped (${plan.skipped.length}):`);
    for (const entry of plan.skipped) {
      lines.push(`  ✗ ${named(entry.name)}`);
      for (const problem of entry.problems) pushProblem(lines, problem);
    }
  }
  if (warnings.length > 0) {
    lines.push('', `Warnings (${warnings.length}):`);
    for (const problem of warnings) {
      lines.push(`  ! ${problem.extension}`);
      pushProblem(lines, problem);
    }
  }
  if (ignored.length > 0) {
    lines.push('', `Ignored input (${ignored.length}):`);
    for (const problem of ignored) {
      lines.push(`  ✗ ${problem.extension}`);
      pushProblem(lines, problem);
    }
  }
  return lines.join('\n');
}

function pushProblem(lines: string[], problem: Problem): void {
  lines.push(`${INDENT}[${problem.code}] ${problem.message}`);
  if (problem.hint !== undefined) lines.push(`${INDENT}  hint: ${problem.hint}`);
}
