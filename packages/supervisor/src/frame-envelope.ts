// Reads a gateway frame's envelope (`op`, `t`, `s`) from the start of its text, without parsing
// its `d`. The supervisor needs only these to route a dispatch and to move its session's sequence
// number; the payload itself goes to the worker as text (a `frame` message), which parses it
// there. Parsing every frame in full on the supervisor thread first (a MESSAGE_CREATE is ~1.5 KB
// of JSON) put that parse between the gateway's socket and the bot on every event; the state
// cache now parses a relayed event when it applies it, once the worker has it.
//
// Discord writes the envelope before `d` (`{"t":"MESSAGE_CREATE","s":42,"op":0,"d":{…}}`); any
// order of the three keys is read. Text of another shape (whitespace, another key first, `d`
// first) gives null and the caller parses the frame whole, as before: never a wrong envelope, at
// worst the slower path.

/** A frame's envelope: `t` and `s` are null in frames other than dispatches. */
export interface FrameEnvelope {
  op: number;
  t: string | null;
  s: number | null;
}

const QUOTE = 34;
const COLON = 58;
const COMMA = 44;
const ZERO = 48;
const NINE = 57;

/** See the file comment. */
export function readEnvelope(text: string): FrameEnvelope | null {
  if (text.charCodeAt(0) !== 123 /* { */) return null;
  let op: number | null = null;
  let t: string | null | undefined;
  let s: number | null | undefined;
  let i = 1;
  for (let keys = 0; keys < 3; keys++) {
    const key = readKey(text, i);
    if (key === null) return null;
    i = key.end;
    if (key.value === 't' && t === undefined) {
      const read = readNullable(text, i, readName);
      if (read === null) return null;
      t = read.value;
      i = read.end;
    } else if (key.value === 's' && s === undefined) {
      const read = readNullable(text, i, readInteger);
      if (read === null) return null;
      s = read.value;
      i = read.end;
    } else if (key.value === 'op' && op === null) {
      const read = readInteger(text, i);
      if (read === null) return null;
      op = read.value;
      i = read.end;
    } else {
      return null;
    }
    if (text.charCodeAt(i) !== COMMA) return null;
    i++;
  }
  if (op === null || t === undefined || s === undefined) return null;
  if (!text.startsWith('"d":', i)) return null;
  return { op, t, s };
}

/** A value read at some index, and where the text after it starts; null: not there. */
type Read<T> = { value: T; end: number } | null;

/** `null` at `i`, or what `read` reads there. */
function readNullable<T>(
  text: string,
  i: number,
  read: (text: string, i: number) => Read<T>,
): Read<T | null> {
  return text.startsWith('null', i) ? { value: null, end: i + 4 } : read(text, i);
}

/** A non-negative integer of at most 15 digits at `i` (every one is exact in a double). */
function readInteger(text: string, i: number): Read<number> {
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= ZERO && text.charCodeAt(j) <= NINE) j++;
  if (j === i || j - i > 15 || (text.charCodeAt(i) === ZERO && j - i > 1)) return null;
  return { value: Number(text.slice(i, j)), end: j };
}

/** `"name":` at `i`: the name and where its value starts. */
function readKey(text: string, i: number): Read<string> {
  const name = readName(text, i);
  if (name === null || text.charCodeAt(name.end) !== COLON) return null;
  return { value: name.value, end: name.end + 1 };
}

/**
 * A quoted name of letters, digits and underscores at `i` (event names and the envelope's keys
 * are; anything else — escapes included — gives null).
 */
function readName(text: string, i: number): Read<string> {
  if (text.charCodeAt(i) !== QUOTE) return null;
  let j = i + 1;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) break;
    const word =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= ZERO && c <= NINE) || c === 95;
    if (!word) return null;
  }
  if (j === i + 1 || j >= text.length) return null;
  return { value: text.slice(i + 1, j), end: j + 1 };
}
