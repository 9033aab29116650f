// JSON.parse says what is wrong but, in V8, often not where: for most errors it quotes the input instead of giving
// a position. A person fixing a design file needs the line, so this finds it with a small scanner.

const WHITESPACE = /[ \t\n\r]*/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/**
 * Offset of the first character that makes `text` invalid JSON (RFC 8259), or `text.length` when it ends too early.
 * Iterative, so deeply nested input cannot overflow the stack.
 * @example jsonErrorOffset('{"a": 1,}') // 8
 */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const skipSpace = () => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const take = (pattern: RegExp) => {
    pattern.lastIndex = at;
    if (!pattern.test(text)) return false;
    at = pattern.lastIndex;
    return true;
  };
  // After "{" or ",": a key, a colon; returns false at the offending character.
  const takeKey = () => {
    skipSpace();
    if (!take(STRING)) return false;
    skipSpace();
    if (text[at] !== ':') return false;
    at += 1;
    return true;
  };
  const open: Array<'{' | '['> = [];
  for (;;) {
    // A value is expected here.
    skipSpace();
    const char = text[at];
    if (char === '{' || char === '[') {
      at += 1;
      skipSpace();
      if (text[at] === (char === '{' ? '}' : ']')) at += 1;
      else {
        open.push(char);
        if (char === '{' && !takeKey()) return at;
        continue;
      }
    } else if (!take(STRING) && !take(NUMBER) && !take(LITERAL)) return at;
    // A value ended: close containers until a "," asks for the next value.
    for (;;) {
      skipSpace();
      const container = open.at(-1);
      if (container === undefined) return at; // trailing text after the top-level value
      if (text[at] === ',') {
        at += 1;
        if (container === '{' && !takeKey()) return at;
        break;
      }
      if (text[at] !== (container === '{' ? '}' : ']')) return at;
      at += 1;
      open.pop();
    }
  }
}

/**
 * 1-based line and column of an offset, as editors count them.
 * @example lineAndColumn('a\nbc', 3) // { line: 2, column: 2 }
 */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
