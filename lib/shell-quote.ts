// Shell words that pass through unquoted: nothing in them is special to bash.
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one word for a POSIX shell so that it stays one literal argument.
 * @example shellQuote("it's") // => 'it'\''s'
 */
export function shellQuote(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Joins words into one shell command, quoting each.
 * @example shellCommand(['pip', 'install', 'numpy>=2']) // => "pip install 'numpy>=2'"
 */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
