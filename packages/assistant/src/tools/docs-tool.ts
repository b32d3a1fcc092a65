import { asToolOutput } from './tool-output.js';
import { oneString, type ReadTool, stringArg } from './tool-types.js';

/** `search_docs`: the bot's own documentation, ranked by BM25. */
export const searchDocsTool: ReadTool = {
  kind: 'read',
  name: 'search_docs',
  description:
    "Searches the framework's documentation (guides, package READMEs, the error code list with hints) and returns the best matching sections with their file and heading.",
  parameters: oneString('query', 'What to look for, e.g. "hot reload" or "ZRX_EXT_NOT_FOUND"'),
  permission: 'everyone',
  run(args, { docs }) {
    const hits = docs.search(stringArg(args, 'query'), 4);
    if (hits.length === 0) return 'No documentation section matches; try other words.';
    return asToolOutput(hits.map((h) => ({ source: `${h.source} § ${h.heading}`, text: h.text })));
  },
};
