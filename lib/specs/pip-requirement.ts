/**
 * requirements.txt lines (pip "Requirements File Format" + PEP 508), parsed the way pip splits
 * them, but stricter: a line that passes is safe as one requirements.txt line and, quoted, as a
 * YAML list item.
 */

import { valid as validPep440Version } from '@renovatebot/pep440';

/** One logical requirements.txt line. */
export type PipLine =
  | { kind: 'requirement'; name: string; extras: string[]; specifier: string; marker?: string; url?: string; hashes: string[]; raw: string }
  | { kind: 'editable'; target: string; raw: string }
  | { kind: 'url'; url: string; name?: string; raw: string }
  | { kind: 'option'; option: PipOption; value?: string; raw: string };

/** The pip options a requirements line may carry, in their long form. */
export type PipOption =
  | '--index-url'
  | '--extra-index-url'
  | '--find-links'
  | '--pre'
  | '--no-index'
  | '--requirement'
  | '--constraint'
  | '--trusted-host'
  | '--only-binary'
  | '--no-binary'
  | '--prefer-binary';

/** Result of parsePipLine: the line, or a message a person can act on. */
export type PipLineResult = { ok: true; line: PipLine } | { ok: false; error: string };

/** Limit on a line without its --hash options: longer is not a requirement anyone writes. */
const MAX_LINE_LENGTH = 1000;
/** Locks carry one hash per wheel: 70 for a package with many platforms is normal, hundreds is not. */
const MAX_HASHES = 200;
const HASH_OPTION = / --hash(?:=| +)\S*/g;
/** Printable ASCII without "$", "\\" and "`": the common case, checked at once before the per-character scan. */
const PLAIN_LINE = /^[\x20-\x23\x25-\x5b\x5d-\x5f\x61-\x7e]*$/;
const GENERIC_EXAMPLE = 'numpy>=1.26';

const SHORT_OPTIONS: Record<string, PipOption> = { '-i': '--index-url', '-f': '--find-links', '-r': '--requirement', '-c': '--constraint' };
const FLAG_OPTIONS: ReadonlySet<string> = new Set(['--pre', '--no-index', '--prefer-binary']);
const VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '--index-url',
  '--extra-index-url',
  '--find-links',
  '--requirement',
  '--constraint',
  '--trusted-host',
  '--only-binary',
  '--no-binary',
]);

/** Schemes allowed anywhere a URL is; the '+' ones are VCS checkouts. */
const URL_SCHEMES = ['http', 'https', 'file', 'git+https', 'git+ssh', 'git+http', 'hg+https', 'svn+https', 'bzr+https'];
const INDEX_URL_SCHEMES = ['http', 'https', 'file'];

/** RFC 3986 characters minus those that quote, expand or split in a shell, YAML or pip. */
const URL_CHARACTERS = /^[A-Za-z0-9._~:/?#@&+,=%!-]+$/;
const PATH = /^[A-Za-z0-9._/][A-Za-z0-9._/+-]*$/;

/** Environment marker variables from PEP 508. */
const MARKER_VARIABLES: ReadonlySet<string> = new Set([
  'python_version',
  'python_full_version',
  'os_name',
  'sys_platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform_machine',
  'platform_python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
]);

const SPECIFIER_OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];
const MARKER_OPERATOR = /^(===|==|!=|<=|>=|~=|<|>)/;
/** Characters allowed inside a marker's quoted string; no quotes, "#", ";" or shell specials. */
const MARKER_STRING = /^[A-Za-z0-9 ._*+!~,/:=<>-]*$/;
const HASH_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
/** Compiled once: a lock has thousands of hashes. */
const HASH_DIGITS: Record<string, RegExp> = Object.fromEntries(Object.entries(HASH_LENGTHS).map(([name, length]) => [name, new RegExp(`^[0-9a-f]{${length}}$`)]));
const PROJECT_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
/** Single quotes, so the example reads cleanly inside the double-quoted error message. */
const MARKER_EXAMPLE = "tomli>=2; python_version < '3.11'";

/** Raised inside the parser only; parsePipLine turns it into an error value. */
class InvalidLine extends Error {
  constructor(
    reason: string,
    readonly example: string,
  ) {
    super(reason);
  }
}

function fail(reason: string, example: string = GENERIC_EXAMPLE): never {
  throw new InvalidLine(reason, example);
}

/**
 * Parses one logical requirements.txt line (continuations already joined, comment already stripped).
 * @example parsePipLine('requests[socks]>=2.31; python_version < "3.13"') // { ok: true, line: { kind: 'requirement', name: 'requests', ... } }
 */
export function parsePipLine(input: string): PipLineResult {
  try {
    return { ok: true, line: parseOrThrow(input) };
  } catch (error) {
    if (!(error instanceof InvalidLine)) throw error;
    return {
      ok: false,
      error: `Invalid pip requirement ${quoteForMessage(input)}: ${error.message}; write it like "${error.example}".`,
    };
  }
}

/**
 * Splits requirements.txt text into logical lines: joins backslash continuations, strips comments (a '#' at line start or preceded by whitespace), drops blank lines; keeps the 1-based number of the first physical line.
 * @example splitRequirementsText('numpy \\\n  --hash=sha256:...\n# note\n') // [{ line: 1, text: 'numpy   --hash=sha256:...' }]
 */
export function splitRequirementsText(text: string): { line: number; text: string }[] {
  // Same line breaks as Python's str.splitlines(), which pip uses.
  const physical = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (physical.at(-1) === '') physical.pop();
  return joinContinuations(physical)
    .map(({ line, text: joined }) => ({ line, text: (joined.includes('#') ? joined.replace(/(^|\s+)#.*$/, '') : joined).trim() }))
    .filter(({ text: stripped }) => stripped !== '');
}

/**
 * Splits a line that holds several options, or options and package names ("--pre torch --extra-index-url URL"),
 * into one line per option and per name, or returns undefined when the line is not like that. pip reads several
 * options on one line, but only the options of a line that also has names (it ignores the names; the author meant both).
 * @example splitMixedOptionLine('--pre torch --extra-index-url https://download.pytorch.org/whl/nightly/cpu') // ['--pre', 'torch', '--extra-index-url https://download.pytorch.org/whl/nightly/cpu']
 */
export function splitMixedOptionLine(input: string): string[] | undefined {
  const tokens = input.trim().split(/ +/);
  if (!tokens[0]?.startsWith('-')) return undefined;
  const pieces: string[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token.startsWith('-')) {
      // A name with a version clause written with spaces ("torch >= 2") cannot be told apart here.
      if (/^[<>=!~;(]/.test(token)) return undefined;
      pieces.push(token);
      continue;
    }
    const equals = token.indexOf('=');
    const written = token.startsWith('--') && equals !== -1 ? token.slice(0, equals) : token;
    const option = SHORT_OPTIONS[written] ?? written;
    if (written === '-e' || written === '--editable' || written === '--hash') return undefined;
    if (FLAG_OPTIONS.has(option) || written !== token) pieces.push(token);
    else if (VALUE_OPTIONS.has(option) && index + 1 < tokens.length) {
      pieces.push(`${token} ${tokens[index + 1]}`);
      index += 1;
    } else return undefined;
  }
  return pieces.length > 1 ? pieces : undefined;
}

/**
 * Writes a parsed line back in canonical form (one line, no continuation).
 * @example formatPipLine({ kind: 'option', option: '--index-url', value: 'https://pypi.org/simple', raw: '-i https://pypi.org/simple' }) // '--index-url https://pypi.org/simple'
 */
export function formatPipLine(line: PipLine): string {
  switch (line.kind) {
    case 'requirement':
      return formatRequirement(line);
    case 'editable':
      return `-e ${line.target}`;
    case 'url':
      return line.url;
    case 'option':
      return line.value === undefined ? line.option : `${line.option} ${line.value}`;
  }
}

/** pip's join_lines: a trailing "\" continues the line unless the line is a comment. */
function joinContinuations(physical: string[]): { line: number; text: string }[] {
  const logical: { line: number; text: string }[] = [];
  let pending: { line: number; parts: string[] } | undefined;
  physical.forEach((text, index) => {
    const isComment = /^\s*#/.test(text);
    if (text.endsWith('\\') && !isComment) {
      pending ??= { line: index + 1, parts: [] };
      pending.parts.push(text.replace(/^\\+|\\+$/g, ''));
      return;
    }
    // A comment ending a continuation must stay a comment once joined, hence the leading space.
    const part = isComment ? ` ${text}` : text;
    if (pending) logical.push({ line: pending.line, text: pending.parts.join('') + part });
    else logical.push({ line: index + 1, text: part });
    pending = undefined;
  });
  if (pending) logical.push({ line: pending.line, text: pending.parts.join('') });
  return logical;
}

/** A run of well-formed --hash options closing a line: checked in one pass, as locks have thousands. */
const HASH_TAIL = /^(?: +--hash(?:=| +)(?:sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128}))+ *$/;
const HASH_VALUE = /sha(?:256|384|512):[0-9a-f]+/g;

/** A requirement followed by well-formed hashes, parsed without re-checking each hash; undefined: take the long way. */
function parseHashedFast(input: string): PipLine | undefined {
  const start = input.indexOf(' --hash');
  if (start <= 0 || start > MAX_LINE_LENGTH) return undefined;
  const tail = input.slice(start);
  if (!HASH_TAIL.test(tail)) return undefined;
  const hashes = tail.match(HASH_VALUE) ?? [];
  if (hashes.length > MAX_HASHES) return undefined;
  const head = parseOrThrow(input.slice(0, start), false);
  if (head.kind !== 'requirement' || head.hashes.length > 0) return undefined;
  return { ...head, hashes, raw: input.trim() };
}

function parseOrThrow(input: string, tryFast = true): PipLine {
  const fast = tryFast && typeof input === 'string' && input.length > 200 ? parseHashedFast(input) : undefined;
  if (fast) return fast;
  checkCharacters(input);
  const raw = input.trim();
  if (/(^|\s)#/.test(raw)) fail('comments must be removed first ("#" at the start or after a space starts a comment)');
  if (raw.startsWith('-')) return parseOptionLine(raw);
  const { args, options } = breakArgsOptions(raw);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(args)) return parseUrlLine(args.trim(), options, raw);
  if (/^[./~]/.test(args)) fail('a local path needs "-e" or a name with a file URL', '-e ./local/path');
  return parseRequirement(args.trim(), options, raw);
}

function quoteForMessage(input: unknown): string {
  const text = String(input);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function checkCharacters(input: string): void {
  if (typeof input !== 'string') fail('the line is not text');
  if (input === '') fail('the line is empty');
  if (input.trim() === '') fail('the line is blank');
  checkLength(input);
  if (PLAIN_LINE.test(input)) return;
  for (const character of input) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '\n' || character === '\r') fail('it spans more than one line; join continuations first');
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) {
      fail(`it contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    if (code > 0x7e) fail(`it contains the non-ASCII character "${character}"`);
    if (character === '`') fail('backticks are not allowed');
    if (character === '$') fail('"$" is not allowed (no environment variable or shell expansion)');
    if (character === '\\') fail('backslashes are not allowed; join continuation lines first');
  }
}

/** The length limit applies to the line without its --hash options, so that hashed lock lines pass. */
function checkLength(input: string): void {
  if (input.length <= MAX_LINE_LENGTH) return;
  const hashCount = input.match(HASH_OPTION)?.length ?? 0;
  if (hashCount > MAX_HASHES) fail(`it has ${hashCount} --hash options; the limit is ${MAX_HASHES}`, 'numpy==1.26.4 --hash=sha256:<64 hex digits>');
  const length = hashCount === 0 ? input.length : input.replace(HASH_OPTION, '').length;
  if (length > MAX_LINE_LENGTH)
    fail(`it is ${length} characters long${hashCount > 0 ? ' without its --hash options' : ''}; the limit is ${MAX_LINE_LENGTH}`);
}

/** pip's break_args_options: arguments run until the first space-separated token starting with "-". */
function breakArgsOptions(line: string): { args: string; options: string[] } {
  const tokens = line.split(' ');
  const firstOption = tokens.findIndex((token) => token.startsWith('-'));
  if (firstOption === -1) return { args: line, options: [] };
  return { args: tokens.slice(0, firstOption).join(' '), options: tokens.slice(firstOption).filter((token) => token !== '') };
}

function parseOptionLine(raw: string): PipLine {
  const [first, ...rest] = raw.split(/ +/);
  const equals = first.indexOf('=');
  const hasInlineValue = first.startsWith('--') && equals !== -1;
  const written = hasInlineValue ? first.slice(0, equals) : first;
  const inlineValue = hasInlineValue ? first.slice(equals + 1) : undefined;
  if (written === '-e' || written === '--editable') return parseEditable(inlineValue ?? rest.shift(), rest, raw);
  if (/^-[a-z]=/.test(first)) fail(`short options take their value after a space, not "="`, `${first.slice(0, 2)} ${first.slice(3) || 'other.txt'}`);
  const option = (SHORT_OPTIONS[written] ?? written) as PipOption;
  if (!FLAG_OPTIONS.has(option) && !VALUE_OPTIONS.has(option)) failUnknownOption(written);
  if (FLAG_OPTIONS.has(option)) {
    if (inlineValue !== undefined || rest.length > 0) fail(`"${option}" takes no value; put each option on its own line`, option);
    return { kind: 'option', option, raw };
  }
  const value = inlineValue ?? rest.shift();
  if (!value) fail(`"${written}" needs a value`, optionExample(option));
  if (rest.length > 0) fail('put each option on its own line', optionExample(option));
  checkOptionValue(option, value);
  return { kind: 'option', option, value, raw };
}

function failUnknownOption(written: string): never {
  if (/^-[A-Za-z0-9]{2,}/.test(written)) {
    fail(`"${written}" is neither an option nor a package name (names cannot start with "-"; short options need a space, like "-r other.txt")`, GENERIC_EXAMPLE);
  }
  if (written === '--hash') fail('"--hash" must follow a requirement on the same line', 'numpy==1.26.4 --hash=sha256:<64 hex digits>');
  const supported = ['-e', ...VALUE_OPTIONS, ...FLAG_OPTIONS].join(', ');
  fail(`"${written}" is not a supported option (supported: ${supported})`, '--index-url https://pypi.org/simple');
}

function optionExample(option: PipOption): string {
  const examples: Partial<Record<PipOption, string>> = {
    '--index-url': '--index-url https://pypi.org/simple',
    '--extra-index-url': '--extra-index-url https://download.pytorch.org/whl/cpu',
    '--find-links': '--find-links https://download.pytorch.org/whl/torch_stable.html',
    '--requirement': '-r other.txt',
    '--constraint': '-c constraints.txt',
    '--trusted-host': '--trusted-host pypi.example.org',
    '--only-binary': '--only-binary :all:',
    '--no-binary': '--no-binary :none:',
  };
  return examples[option] ?? option;
}

function checkOptionValue(option: PipOption, value: string): void {
  const example = optionExample(option);
  switch (option) {
    case '--index-url':
    case '--extra-index-url':
      return checkUrl(value, INDEX_URL_SCHEMES, example);
    case '--find-links':
    case '--requirement':
    case '--constraint':
      return isUrl(value) ? checkUrl(value, INDEX_URL_SCHEMES, example) : checkPath(value, example);
    case '--trusted-host':
      if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$/.test(value)) fail(`"${value}" is not a host name (with optional :port)`, example);
      return;
    default:
      if (!/^(:all:|:none:)$/.test(value) && !value.split(',').every((name) => PROJECT_NAME.test(name))) {
        fail(`"${value}" must be :all:, :none: or package names separated by ","`, example);
      }
  }
}

function isUrl(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value);
}

function checkUrl(url: string, schemes: string[], example: string): void {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(url);
  if (!match) fail(`"${url}" is not a URL`, example);
  const scheme = match[1].toLowerCase();
  if (!schemes.includes(scheme)) fail(`the URL scheme "${match[1]}" is not supported here (use ${schemes.join(', ')})`, example);
  if (/["']/.test(url)) fail('quotes are not allowed in a URL', example);
  if (url.includes('$(')) fail('"$(" is not allowed in a URL', example);
  if (!URL_CHARACTERS.test(url)) fail(`the URL "${url}" contains characters that are not allowed`, example);
  if (match[2] === '' || (scheme !== 'file' && match[2].startsWith('/'))) fail(`the URL "${url}" has no host`, example);
}

function checkPath(path: string, example: string): void {
  if (!PATH.test(path)) fail(`"${path}" is not a usable path (letters, digits and . _ / + - only)`, example);
}

function parseEditable(target: string | undefined, rest: string[], raw: string): PipLine {
  const example = '-e git+https://github.com/org/repo.git@v1#egg=name';
  if (!target) fail('"-e" needs a path or a VCS URL', example);
  if (rest.length > 0) fail('an editable line takes exactly one path or URL', example);
  if (isUrl(target)) {
    checkUrl(target, URL_SCHEMES, example);
    if (/^https?:/i.test(target)) fail('"-e" needs a local path or a VCS URL (git+https://...), not a plain web URL', example);
    checkEggFragment(target, example);
    return { kind: 'editable', target, raw };
  }
  const extrasAt = target.indexOf('[');
  const path = extrasAt === -1 ? target : target.slice(0, extrasAt);
  checkPath(path, '-e ./local/path');
  if (extrasAt !== -1) {
    if (!target.endsWith(']')) fail('"[" after the path is not closed', '-e .[dev]');
    parseExtras(target.slice(extrasAt + 1, -1), '-e .[dev]');
  }
  return { kind: 'editable', target, raw };
}

/** Reads the project name from a "#egg=name" fragment, if there is one. */
function checkEggFragment(url: string, example: string): string | undefined {
  const fragment = url.split('#')[1];
  if (fragment === undefined) return undefined;
  const egg = fragment
    .split('&')
    .find((part) => part.startsWith('egg='))
    ?.slice(4);
  if (egg !== undefined && !PROJECT_NAME.test(egg)) fail(`"#egg=${egg}" is not a valid project name`, example);
  return egg;
}

function parseUrlLine(args: string, options: string[], raw: string): PipLine {
  const example = 'git+https://github.com/org/repo.git@v1#egg=name';
  const direct = 'name @ https://example.org/name-1.0.tar.gz';
  if (args.includes(' ')) fail('a URL line holds only the URL; for markers write "name @ URL ; marker"', `${direct} ; python_version < '3.11'`);
  if (options.length > 0) fail('options after a bare URL are not supported; write "name @ URL --hash=..."', `${direct} --hash=sha256:<64 hex digits>`);
  checkUrl(args, URL_SCHEMES, example);
  const name = checkEggFragment(args, example);
  return name === undefined ? { kind: 'url', url: args, raw } : { kind: 'url', url: args, name, raw };
}

function parseRequirement(args: string, options: string[], raw: string): PipLine {
  const name = /^[A-Za-z0-9._-]*/.exec(args)?.[0] ?? '';
  checkProjectName(name, args);
  let rest = args.slice(name.length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) fail('"[" after the name is not closed', `${name}[extra]>=1.0`);
    extras = parseExtras(rest.slice(1, close), `${name}[extra]>=1.0`);
    rest = rest.slice(close + 1).trimStart();
  }
  const hashes = parseHashOptions(options, name);
  const { specifier, marker, url } = rest.startsWith('@')
    ? { specifier: '', ...parseDirectReference(rest.slice(1).trimStart(), name) }
    : parseSpecifierAndMarker(rest, name);
  return {
    kind: 'requirement',
    name,
    extras,
    specifier,
    ...(marker === undefined ? {} : { marker }),
    ...(url === undefined ? {} : { url }),
    hashes,
    raw,
  };
}

function checkProjectName(name: string, args: string): void {
  if (name === '') {
    if (/^[[(<>=!~@;]/.test(args)) fail('the package name is missing', GENERIC_EXAMPLE);
    fail(`a requirement must start with a package name, not "${args[0]}"`, GENERIC_EXAMPLE);
  }
  if (!PROJECT_NAME.test(name)) fail(`the package name "${name}" must start and end with a letter or digit`, GENERIC_EXAMPLE);
}

function parseExtras(text: string, example: string): string[] {
  if (text.trim() === '') return [];
  return text.split(',').map((extra) => {
    const trimmed = extra.trim();
    if (!PROJECT_NAME.test(trimmed)) fail(`"${trimmed}" is not a valid extra name`, example);
    return trimmed;
  });
}

/** PEP 508 "name @ URL": the URL ends at whitespace, and a marker needs a space before ";". */
function parseDirectReference(text: string, name: string): { url: string; marker?: string } {
  const example = `${name} @ https://example.org/${name}-1.0.tar.gz`;
  const url = /^\S*/.exec(text)?.[0] ?? '';
  if (url === '') fail('the URL after "@" is missing', example);
  if (url.includes(';')) fail('put a space before ";" after a URL', `${example} ; python_version < '3.11'`);
  checkUrl(url, URL_SCHEMES, example);
  const after = text.slice(url.length).trim();
  if (after === '') return { url };
  if (!after.startsWith(';')) fail(`unexpected "${after}" after the URL`, example);
  return { url, marker: parseMarker(after.slice(1)) };
}

function parseSpecifierAndMarker(text: string, name: string): { specifier: string; marker?: string; url?: undefined } {
  const semicolon = text.indexOf(';');
  const specifierText = (semicolon === -1 ? text : text.slice(0, semicolon)).trim();
  const specifier = parseSpecifier(stripParentheses(specifierText, name), name);
  if (semicolon === -1) return { specifier };
  return { specifier, marker: parseMarker(text.slice(semicolon + 1)) };
}

/** PEP 508 allows the specifier in parentheses: "pkg (>=1.0)". */
function stripParentheses(text: string, name: string): string {
  if (/[[\]]/.test(text)) fail('unbalanced "[" or "]"', `${name}[extra]>=1.0`);
  if (!text.startsWith('(') && !text.endsWith(')') && !/[()]/.test(text)) return text;
  const inner = text.slice(1, -1);
  if (!text.startsWith('(') || !text.endsWith(')') || /[()]/.test(inner)) fail('unbalanced parentheses', `${name} (>=1.0)`);
  return inner.trim();
}

function parseSpecifier(text: string, name: string): string {
  if (text === '') return '';
  return text
    .split(',')
    .map((clause) => parseSpecifierClause(clause.trim(), name))
    .join(',');
}

function parseSpecifierClause(clause: string, name: string): string {
  if (clause === '') fail('the version specifier has an empty part; check for a doubled or trailing ","', `${name}>=1.26,<2`);
  const operator = /^[=<>!~]*/.exec(clause)?.[0] ?? '';
  const version = clause.slice(operator.length).trim();
  if (operator === '') fail(`"${clause}" needs a comparison operator in front`, `${name}==${/^[0-9]/.test(clause) ? clause : '1.26'}`);
  if (operator === '=') fail('"=" is conda syntax; pip uses "=="', `${name}==${version || '1.26'}`);
  if (!SPECIFIER_OPERATORS.includes(operator)) fail(`unexpected "${operator}" in the version specifier`, `${name}>=1.26`);
  if (version === '') fail(`the version after "${operator}" is missing`, `${name}${operator}1.26`);
  if (/\s/.test(version)) fail(`unexpected space in "${clause}"; separate version clauses with ","`, `${name}>=1.26,<2`);
  if (operator === '===') {
    if (!/^[A-Za-z0-9._+!-]+$/.test(version)) fail(`"${version}" may only contain letters, digits and . _ + ! -`, `${name}===1.26`);
    return operator + version;
  }
  checkPep440Version(operator, version, name);
  return operator + version;
}

function checkPep440Version(operator: string, version: string, name: string): void {
  const wildcard = version.endsWith('.*');
  const base = wildcard ? version.slice(0, -2) : version;
  if (!validPep440Version(base)) fail(`"${version}" is not a valid PEP 440 version`, `${name}${operator}1.26`);
  if (wildcard && operator !== '==' && operator !== '!=') fail(`".*" is only allowed after "==" or "!="`, `${name}==1.26.*`);
  if (wildcard && !/^v?([0-9]+!)?[0-9]+(\.[0-9]+)*$/i.test(base)) {
    fail('a version ending in ".*" may only hold release numbers', `${name}==1.26.*`);
  }
  if (base.includes('+') && operator !== '==' && operator !== '!=') fail(`a local version ("+...") is only allowed after "==" or "!="`, `${name}==1.26+cpu`);
  const releaseParts = /^v?(?:[0-9]+!)?([0-9]+(?:\.[0-9]+)*)/i.exec(base)?.[1].split('.').length ?? 0;
  if (operator === '~=' && releaseParts < 2) {
    fail('"~=" needs at least two release numbers', `${name}~=1.26`);
  }
  // The library's full specifier check (validRange) costs ~17 µs a clause, too slow for thousands of lines as
  // you type; a property test keeps these checks in agreement with it instead.
}

function parseHashOptions(options: string[], name: string): string[] {
  const example = `${name}==1.0 --hash=sha256:<64 hex digits>`;
  const hashes: string[] = [];
  for (let index = 0; index < options.length; index += 1) {
    const option = options[index];
    let value: string | undefined;
    if (option.startsWith('--hash=')) value = option.slice('--hash='.length);
    else if (option === '--hash') {
      index += 1;
      value = options[index];
    } else fail(`"${option.split('=')[0]}" is not allowed after a requirement; only --hash is`, example);
    hashes.push(checkHash(value, example));
  }
  return hashes;
}

function checkHash(value: string | undefined, example: string): string {
  if (!value) fail('"--hash" needs a value', example);
  const match = /^([a-z0-9]+):(.*)$/.exec(value);
  const length = match ? HASH_LENGTHS[match[1]] : undefined;
  if (!match || length === undefined) fail(`"${value}" must start with sha256:, sha384: or sha512:`, example);
  if (!HASH_DIGITS[match[1]].test(match[2])) fail(`the ${match[1]} hash must be ${length} lower-case hex digits`, example);
  return value;
}

type MarkerToken = { kind: 'variable' | 'string' | 'operator' | 'and' | 'or' | '(' | ')'; text: string };

/** Parses a PEP 508 marker and returns it in one canonical spelling (double quotes, single spaces). */
function parseMarker(text: string): string {
  const tokens = tokenizeMarker(text.trim());
  if (tokens.length === 0) fail('the environment marker after ";" is missing', MARKER_EXAMPLE);
  let position = 0;
  const peek = (): MarkerToken | undefined => tokens[position];
  const next = (): MarkerToken | undefined => tokens[position++];
  const parseOr = (): void => {
    parseAnd();
    while (peek()?.kind === 'or') {
      next();
      parseAnd();
    }
  };
  const parseAnd = (): void => {
    parseAtom();
    while (peek()?.kind === 'and') {
      next();
      parseAtom();
    }
  };
  const parseAtom = (): void => {
    const token = next();
    if (token?.kind === '(') {
      parseOr();
      if (next()?.kind !== ')') fail('a "(" in the marker is not closed', "pkg; (os_name == 'nt' or sys_platform == 'darwin') and python_version < '3.11'");
      return;
    }
    const operator = next();
    const right = next();
    if (!isMarkerValue(token) || operator?.kind !== 'operator' || !isMarkerValue(right)) {
      fail(`the marker "${text.trim()}" must compare a variable with a quoted value`, MARKER_EXAMPLE);
    }
    if (token.kind !== 'variable' && right.kind !== 'variable') fail('a marker comparison needs a variable such as python_version on one side', MARKER_EXAMPLE);
  };
  parseOr();
  if (position < tokens.length) fail(`unexpected "${tokens[position].text}" in the marker; join conditions with "and" or "or"`, MARKER_EXAMPLE);
  return formatMarkerTokens(tokens);
}

function isMarkerValue(token: MarkerToken | undefined): token is MarkerToken {
  return token?.kind === 'variable' || token?.kind === 'string';
}

function tokenizeMarker(text: string): MarkerToken[] {
  const tokens: MarkerToken[] = [];
  let index = 0;
  while (index < text.length) {
    const rest = text.slice(index);
    const spaces = /^ +/.exec(rest)?.[0];
    if (spaces) {
      index += spaces.length;
      continue;
    }
    const token = readMarkerToken(rest);
    tokens.push(token.token);
    index += token.length;
  }
  return tokens;
}

function readMarkerToken(rest: string): { token: MarkerToken; length: number } {
  const first = rest[0];
  if (first === '(' || first === ')') return { token: { kind: first, text: first }, length: 1 };
  if (first === '"' || first === "'") {
    const close = rest.indexOf(first, 1);
    if (close === -1) fail('a quoted value in the marker is not closed', MARKER_EXAMPLE);
    const value = rest.slice(1, close);
    if (!MARKER_STRING.test(value)) fail(`the marker value "${value}" contains characters that are not allowed`, MARKER_EXAMPLE);
    return { token: { kind: 'string', text: `"${value}"` }, length: close + 1 };
  }
  if (/^[0-9]/.test(rest)) fail('values in a marker must be quoted', MARKER_EXAMPLE);
  const operator = MARKER_OPERATOR.exec(rest)?.[0];
  if (operator) return { token: { kind: 'operator', text: operator }, length: operator.length };
  const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest)?.[0];
  if (!word) fail(`unexpected "${first}" in the marker`, MARKER_EXAMPLE);
  if (word === 'and' || word === 'or') return { token: { kind: word, text: word }, length: word.length };
  if (word === 'in') return { token: { kind: 'operator', text: 'in' }, length: 2 };
  if (word === 'not') {
    const notIn = /^not +in(?![A-Za-z0-9_])/.exec(rest)?.[0];
    if (!notIn) fail('"not" in a marker must be followed by "in"', "pkg; 'linux' not in sys_platform");
    return { token: { kind: 'operator', text: 'not in' }, length: notIn.length };
  }
  if (!MARKER_VARIABLES.has(word)) fail(`"${word}" is not a marker variable (use one of ${[...MARKER_VARIABLES].join(', ')})`, MARKER_EXAMPLE);
  return { token: { kind: 'variable', text: word }, length: word.length };
}

function formatMarkerTokens(tokens: MarkerToken[]): string {
  return tokens
    .map((token) => token.text)
    .join(' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')');
}

function formatRequirement(line: Extract<PipLine, { kind: 'requirement' }>): string {
  const extras = line.extras.length > 0 ? `[${line.extras.join(',')}]` : '';
  const hashes = line.hashes.map((hash) => ` --hash=${hash}`).join('');
  if (line.url !== undefined) {
    // PEP 508 needs whitespace between a URL and ";", or the ";" would belong to the URL.
    const marker = line.marker ? ` ; ${line.marker}` : '';
    return `${line.name}${extras} @ ${line.url}${marker}${hashes}`;
  }
  const marker = line.marker ? `; ${line.marker}` : '';
  return `${line.name}${extras}${line.specifier}${marker}${hashes}`;
}

/**
 * A project name in PEP 503 normal form, so that spellings of one package compare equal.
 * @example normalizePipName('Scikit_Learn') // 'scikit-learn'
 */
export function normalizePipName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
