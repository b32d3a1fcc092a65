import type { Problem, ProblemCodeValue, ProblemSeverity } from './problem';

/** Builds a {@link Problem} without `undefined`-valued optional keys. */
export function createProblem(
  code: ProblemCodeValue,
  severity: ProblemSeverity,
  extension: string,
  message: string,
  hint?: string,
  chain?: readonly string[],
): Problem {
  const problem: { -readonly [K in keyof Problem]: Problem[K] } = {
    code,
    severity,
    extension,
    message,
  };
  if (hint !== undefined) problem.hint = hint;
  if (chain !== undefined) problem.chain = chain;
  return problem;
}

/** The parts of a problem that are expensive to write out. */
export interface ProblemText {
  readonly message: string;
  readonly hint: string;
}

/**
 * Builds a problem whose message and hint, and separately its chain, are written only when
 * first read. A
 * 10,000-extension plan can hold thousands of cascade problems whose chains walk the graph;
 * most callers read a few of them. The getters are own enumerable properties, so
 * `JSON.stringify`, spreading and deep equality see plain values.
 */
export function createLazyProblem(
  code: ProblemCodeValue,
  severity: ProblemSeverity,
  extension: string,
  write: () => ProblemText,
  writeChain: () => readonly string[],
): Problem {
  let text: ProblemText | undefined;
  let chain: readonly string[] | undefined;
  const get = (): ProblemText => {
    text ??= write();
    return text;
  };
  return {
    code,
    severity,
    extension,
    get message() {
      return get().message;
    },
    get hint() {
      return get().hint;
    },
    get chain() {
      chain ??= writeChain();
      return chain;
    },
  };
}
