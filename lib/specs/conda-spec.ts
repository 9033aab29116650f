/**
 * Conda match specs ("Package match specifications" in the conda docs), parsed the way
 * conda/models/match_spec.py reads them, but stricter: a spec that passes is safe to write as a
 * plain YAML list item and as a single-quoted shell word.
 */

/** One conda match spec, split into its parts. */
export interface CondaSpec {
  /** Channel name ('conda-forge'), label channel ('conda-forge/label/dev') or channel URL. */
  channel?: string;
  /** Platform subdirectory such as 'linux-64', from 'conda-forge/linux-64::pkg' or [subdir=...]. */
  subdir?: string;
  /** Lower-case package name as written. */
  name: string;
  /** Version constraint in conda's normal form: '>=1.26,<2', '3.12.*', '3.12.1' (exact), '*'. */
  version?: string;
  /** Build string or glob, e.g. 'cuda*', 'py312_0'. */
  build?: string;
  /** Other key=value pairs from [...], e.g. { build_number: '3' }; version/build/channel/subdir are lifted out. */
  brackets?: Record<string, string>;
}

/** Result of parseCondaSpec: the spec, or a message a person can act on. */
export type CondaSpecResult = { ok: true; spec: CondaSpec } | { ok: false; error: string };

const MAX_SPEC_LENGTH = 200;
const GENERIC_EXAMPLE = 'numpy>=1.26,<2';

/** Platform subdirs conda knows (conda/base/constants.py PLATFORM_DIRECTORIES). */
const KNOWN_SUBDIRS: ReadonlySet<string> = new Set([
  'noarch',
  'emscripten-wasm32',
  'wasi-wasm32',
  'freebsd-64',
  'linux-32',
  'linux-64',
  'linux-aarch64',
  'linux-armv6l',
  'linux-armv7l',
  'linux-ppc64',
  'linux-ppc64le',
  'linux-riscv64',
  'linux-s390x',
  'osx-64',
  'osx-arm64',
  'win-32',
  'win-64',
  'win-arm64',
  'zos-z',
]);

/** Keys conda accepts inside [...] (MatchSpec.FIELD_NAMES without 'name'), in canonical order. */
const BRACKET_KEYS = [
  'channel',
  'subdir',
  'version',
  'build',
  'build_number',
  'track_features',
  'features',
  'url',
  'md5',
  'sha256',
  'license',
  'license_family',
  'fn',
] as const;

/** Validators for the bracket keys that stay in `brackets`. */
const BRACKET_VALUE_RULES: Record<string, { pattern: RegExp; example: string }> = {
  build_number: { pattern: /^(==|!=|<=|>=|<|>|=)?[0-9]+$/, example: 'build_number=3' },
  track_features: { pattern: /^[a-z0-9_][a-z0-9_.-]*$/, example: 'track_features=mkl' },
  features: { pattern: /^[a-z0-9_][a-z0-9_.-]*$/, example: 'features=mkl' },
  url: { pattern: /^(https?|file):\/\/[A-Za-z0-9._~/:+-]+$/, example: "url='https://conda.anaconda.org/conda-forge/noarch/pkg-1.0-0.conda'" },
  md5: { pattern: /^[0-9a-f]{32}$/, example: 'md5=<32 lower-case hex digits>' },
  sha256: { pattern: /^[0-9a-f]{64}$/, example: 'sha256=<64 lower-case hex digits>' },
  license: { pattern: /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/, example: 'license=MIT' },
  license_family: { pattern: /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/, example: 'license_family=BSD' },
  fn: { pattern: /^[A-Za-z0-9_][A-Za-z0-9_.+-]*\.(conda|tar\.bz2)$/, example: 'fn=pkg-1.0-0.conda' },
};

/** Every character an accepted spec may contain; everything else is rejected up front. */
const ALLOWED_CHARACTERS = /^[A-Za-z0-9_.\-:/*=<>!~,|[\]' +]*$/;

/** Hints for characters people actually type, so the message says why rather than just "no". */
const CHARACTER_HINTS: Record<string, string> = {
  '#': '"#" starts a comment in YAML and in conda, so everything after it would be lost',
  '"': 'double quotes are not allowed; inside [...] use single quotes',
  '(': 'parentheses are not supported in conda specs',
  ')': 'parentheses are not supported in conda specs',
  '{': '"{" and "}" are YAML flow syntax',
  '}': '"{" and "}" are YAML flow syntax',
  '@': '"@" is not part of a conda spec (pip direct references go in the pip section)',
  $: '"$" is not allowed (no shell or environment variable expansion)',
  '`': 'backticks are not allowed',
  ';': '";" is not allowed (pip markers do not exist in conda specs)',
  '&': '"&" is not allowed',
  '\\': 'backslashes are not allowed',
};

/** Operators conda accepts in front of a version (conda/models/version.py version_relation_re). */
const VERSION_OPERATORS = ['==', '!=', '<=', '>=', '~=', '=', '<', '>'];

/** Operators conda allows together with a trailing ".*". */
const WILDCARD_OPERATORS = ['=', '>=', '!='];

/**
 * conda's `_parse_version_plus_build` regex, unchanged: splits "version build" or "version=build"
 * without splitting inside an operator such as ">=" (hence the look-behind).
 */
const VERSION_PLUS_BUILD = /^((?:.+?)[^><!,|]?)(?:(?<![=!|,<>~])(?:[ =])([^-=,|<>~]+?))?$/;

/** A word YAML would load as a boolean, null or number instead of a string. */
const YAML_NON_STRING = /^(y|n|yes|no|true|false|on|off|null|[0-9._]+(e[-+]?[0-9]+)?|0[xob][0-9a-f_]+)$/;

/** Raised inside the parser only; parseCondaSpec turns it into an error value. */
class InvalidSpec extends Error {
  constructor(
    reason: string,
    readonly example: string,
  ) {
    super(reason);
  }
}

function fail(reason: string, example: string = GENERIC_EXAMPLE): never {
  throw new InvalidSpec(reason, example);
}

/**
 * Parses one conda match spec as written in environment.yml or on the conda command line.
 * @example parseCondaSpec('conda-forge::numpy>=1.26,<2') // { ok: true, spec: { channel: 'conda-forge', name: 'numpy', version: '>=1.26,<2' } }
 */
export function parseCondaSpec(input: string): CondaSpecResult {
  try {
    return { ok: true, spec: parseOrThrow(input) };
  } catch (error) {
    if (!(error instanceof InvalidSpec)) throw error;
    return {
      ok: false,
      error: `Invalid conda package spec ${quoteForMessage(input)}: ${error.message}; write it like "${error.example}".`,
    };
  }
}

/**
 * Writes a spec back in canonical form that parseCondaSpec accepts and that conda accepts.
 * @example formatCondaSpec({ name: 'python', version: '3.12.*' }) // 'python=3.12'
 */
export function formatCondaSpec(spec: CondaSpec): string {
  return formatChannelPrefix(spec) + spec.name + formatVersionAndBuild(spec.version, spec.build) + formatBrackets(spec);
}

function parseOrThrow(input: string): CondaSpec {
  checkCharacters(input);
  const text = input.trim();
  checkYamlShape(text);
  const { head, bracketText } = splitBrackets(text);
  if (head.includes("'")) fail('quotes are only allowed inside [...]', "numpy[version='>=1.26']");
  const { channelText, rest } = splitChannel(head);
  const { name, versionAndBuild } = splitName(rest);
  const spec: CondaSpec = { ...(channelText === undefined ? {} : parseChannel(channelText)), name };
  if (versionAndBuild) Object.assign(spec, parseVersionAndBuild(versionAndBuild, name));
  // Brackets override everything written outside them (conda MatchSpec rule 8).
  if (bracketText !== undefined) Object.assign(spec, parseBrackets(bracketText, name));
  if (YAML_NON_STRING.test(text)) fail(`YAML would read "${text}" as a boolean, number or null, not as a package name`, 'numpy');
  return spec;
}

function quoteForMessage(input: unknown): string {
  const text = String(input);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x21 || code > 0x7e ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${character}"`;
}

function checkCharacters(input: string): void {
  if (typeof input !== 'string') fail('the spec is not text');
  if (input === '') fail('the spec is empty');
  if (input.trim() === '') fail('the spec is blank');
  if (input.length > MAX_SPEC_LENGTH) fail(`it is ${input.length} characters long; the limit is ${MAX_SPEC_LENGTH}`);
  if (/[\n\r\u2028\u2029]/.test(input)) fail('it spans more than one line; write one spec per list item');
  for (const character of input) {
    if (ALLOWED_CHARACTERS.test(character)) continue;
    const hint = CHARACTER_HINTS[character];
    if (hint) fail(hint);
    fail(
      `unexpected character ${describeCharacter(character)}; a spec may only contain letters, digits, spaces and _ . - : / * = < > ! ~ , | [ ] '`,
    );
  }
}

/** Rejects what would change meaning as a YAML list item: a nested dash, a mapping key. */
function checkYamlShape(text: string): void {
  if (text.startsWith('- ')) fail('remove the leading "- " (the YAML list dash); give only the spec', text.slice(2).trim() || 'numpy');
  if (text.startsWith('-')) fail('a package name cannot start with "-"', 'numpy');
  if (text.endsWith('::')) fail('the package name after "::" is missing', `${text}numpy`);
  if (text.endsWith(':')) {
    fail('a spec cannot end with ":" because YAML would read it as a key (a "pip:" section is not a conda spec)', 'pip');
  }
  if (text.includes(': ')) fail('": " would turn the line into a YAML key; use "::" between channel and name', 'conda-forge::numpy');
}

function splitBrackets(text: string): { head: string; bracketText?: string } {
  const open = text.indexOf('[');
  const close = text.indexOf(']');
  if (open === -1 && close === -1) return { head: text };
  const example = "numpy[version='>=1.26']";
  if (close === -1) fail('"[" is not closed with "]"', example);
  if (open === -1 || close < open) fail('"]" has no matching "["', example);
  if (text.indexOf('[', open + 1) !== -1 || text.indexOf(']', close + 1) !== -1) fail('only one [...] part is allowed', example);
  if (close !== text.length - 1) fail('the [...] part must come last', example);
  return { head: text.slice(0, open).trimEnd(), bracketText: text.slice(open + 1, close) };
}

/** Splits "channel::rest"; a single ":" is conda's unsupported namespace syntax, so it is refused. */
function splitChannel(head: string): { channelText?: string; rest: string } {
  const separator = head.lastIndexOf('::');
  if (separator === -1) {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(head)) {
      fail('package URLs are not supported; name the channel and the package instead', 'conda-forge::numpy');
    }
    if (head.includes(':')) fail('use "::" between the channel and the package name', 'conda-forge::numpy');
    return { rest: head };
  }
  const channelText = head.slice(0, separator);
  const rest = head.slice(separator + 2);
  if (rest.includes(':')) fail('":" is only allowed in the channel part before "::"', 'conda-forge::numpy');
  if (channelText === '') fail('the channel before "::" is missing', 'conda-forge::numpy');
  return { channelText, rest };
}

function parseChannel(text: string): { channel: string; subdir?: string } {
  const isUrl = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text);
  if (isUrl) checkChannelUrl(text);
  else checkChannelName(text);
  const lastSlash = text.lastIndexOf('/');
  const lastSegment = text.slice(lastSlash + 1);
  // conda's Channel() treats a trailing known platform as the subdir, not as part of the name.
  if (lastSlash > 0 && KNOWN_SUBDIRS.has(lastSegment) && !text.slice(0, lastSlash).endsWith('/')) {
    return { channel: text.slice(0, lastSlash), subdir: lastSegment };
  }
  return { channel: text };
}

function checkChannelUrl(text: string): void {
  const example = 'https://conda.anaconda.org/conda-forge::numpy';
  if (!/^(https?|file):\/\//.test(text)) fail(`the channel URL "${text}" must start with https://, http:// or file://`, example);
  if (!/^[a-z]+:\/\/[A-Za-z0-9._~/:+-]+$/.test(text)) fail(`the channel URL "${text}" contains characters that are not allowed`, example);
  if (text.includes('::') || text.endsWith(':')) fail(`the channel URL "${text}" is not valid`, example);
}

function checkChannelName(text: string): void {
  const segment = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
  if (!text.split('/').every((part) => segment.test(part))) {
    fail(`the channel "${text}" is not valid; channels are names like conda-forge or conda-forge/label/dev, or URLs`, 'conda-forge::numpy');
  }
}

/** conda takes everything up to the first space or operator character as the name. */
function splitName(rest: string): { name: string; versionAndBuild: string } {
  const name = /^[^ =<>!~]*/.exec(rest)?.[0] ?? '';
  const versionAndBuild = rest.slice(name.length).trim();
  if (name === '') fail('the package name is missing', 'numpy>=1.26');
  checkName(name, versionAndBuild);
  return { name, versionAndBuild };
}

function checkName(name: string, versionAndBuild: string): void {
  const tail = versionAndBuild ? (/^[=<>!~]/.test(versionAndBuild) ? versionAndBuild : ` ${versionAndBuild}`) : '';
  if (name === '*') fail('a package name is required ("*" matches every package)', 'numpy');
  const valid = /^[a-z0-9_][a-z0-9_.-]*$/;
  if (/[A-Z]/.test(name) && valid.test(name.toLowerCase())) {
    fail(`conda package names are lower-case ("${name.toLowerCase()}")`, name.toLowerCase() + tail);
  }
  if (name.includes('|')) fail('"|" (or) is only allowed in the version', 'pkg 1.0|1.2');
  if (!valid.test(name)) {
    fail(`the package name "${name}" may only contain lower-case letters, digits, "_", "." and "-", and must start with a letter, digit or "_"`, 'r-base');
  }
  if (/[.-]$/.test(name)) fail(`the package name "${name}" cannot end with "${name.slice(-1)}"`, 'r-base');
}

function parseVersionAndBuild(text: string, name: string): { version: string; build?: string } {
  const match = VERSION_PLUS_BUILD.exec(text);
  const rawVersion = (match?.[1] ?? text).replaceAll(' ', '');
  const build = match?.[2]?.trim();
  if (build !== undefined) checkBuild(build, name);
  const version = normaliseVersion(expandEqualsShorthand(rawVersion, build !== undefined, name), name);
  return build === undefined ? { version } : { version, build };
}

/**
 * conda's own rewrite of a leading "=" (match_spec.py step 7): "=1.2" means "1.2.*" on its own,
 * but plain "1.2" when a build follows ("=1.2=py_0"); a leading "==" is dropped when no build follows.
 */
function expandEqualsShorthand(version: string, hasBuild: boolean, name: string): string {
  if (!version.startsWith('=')) return version;
  if (version.startsWith('==') && !hasBuild) {
    if (version.length === 2) fail('the version after "==" is missing', `${name}==1.26.4`);
    return version.slice(2);
  }
  const rest = version.slice(1);
  // "=>1" and the like are typos for an operator; leave them for normaliseClause to name.
  if (/[=,|<>!~]/.test(rest)) return version;
  if (rest === '') fail('the version after "=" is missing', `${name}=1.26`);
  return !hasBuild && !rest.endsWith('*') ? `${rest}*` : rest;
}

/** Validates a version expression clause by clause and writes each clause in conda's normal form. */
function normaliseVersion(version: string, name: string): string {
  const parts = version.split(/([,|])/);
  return parts.map((part, index) => (index % 2 === 1 ? part : normaliseClause(part, name))).join('');
}

function normaliseClause(clause: string, name: string): string {
  if (clause === '') fail('the version has an empty part; check for a doubled or trailing "," or "|"', `${name}>=1.26,<2`);
  const operator = /^[=<>!~]*/.exec(clause)?.[0] ?? '';
  const body = clause.slice(operator.length);
  if (operator === '') return normaliseBareVersion(body, name);
  if (!VERSION_OPERATORS.includes(operator)) fail(`unexpected "${operator}" in the version`, `${name}>=1.26,<2`);
  if (body === '') fail(`the version after "${operator}" is missing`, `${name}${operator}1.26`);
  if (body.endsWith('.*')) {
    if (!WILDCARD_OPERATORS.includes(operator)) fail(`".*" cannot follow "${operator}"`, `${name}=1.26`);
    checkVersionLiteral(body.slice(0, -2), name);
  } else {
    if (body.includes('*')) fail(`"*" after "${operator}" is only allowed as a trailing ".*"`, `${name}>=1.26`);
    if (body.includes('=')) {
      fail(`"${body}" is not a version; a build string after "=" may only contain letters, digits, "_", ".", "+" and "*"`, `${name}=1.0=py312_0`);
    }
    checkVersionLiteral(body, name);
    if (operator === '~=' && body.split('.').length < 2) fail('"~=" needs at least two version numbers', `${name}~=1.26`);
  }
  // conda reads a bare exact version as "=="; keep one spelling so equal specs compare equal.
  return operator === '==' ? body : operator + body;
}

/** A version without operator: exact ("1.2"), prefix ("1.2.*", "1.2*") or glob ("1.*.3"). */
function normaliseBareVersion(body: string, name: string): string {
  if (body === '*') return body;
  const starCount = body.split('*').length - 1;
  if (starCount === 0) {
    checkVersionLiteral(body, name);
    return body;
  }
  if (starCount === 1 && body.endsWith('*')) {
    // conda's VersionSpec turns "1.2*" into "1.2.*" (component prefix match), so store that.
    const prefix = body.slice(0, -1).replace(/\.$/, '');
    checkVersionLiteral(prefix, name);
    return `${prefix}.*`;
  }
  for (const piece of body.split('*')) {
    if (!/^[A-Za-z0-9_.+!-]*$/.test(piece)) fail(`the version "${body}" contains characters that are not allowed`, `${name}=1.26`);
  }
  return body;
}

/** conda's VersionOrder rules: allowed characters, one epoch "!", one local "+", no empty components. */
function checkVersionLiteral(version: string, name: string): void {
  const example = `${name}>=1.26`;
  if (version === '') fail('a version is missing', example);
  const lower = version.toLowerCase();
  const canonical = lower.includes('-') && !lower.includes('_') ? lower.replaceAll('-', '_') : lower;
  if (!/^[.+!_0-9a-z]+$/.test(canonical)) fail(`the version "${version}" may only contain letters, digits and . _ + !`, example);
  const [epochOrVersion, ...afterEpoch] = canonical.split('!');
  if (afterEpoch.length > 1) fail(`the version "${version}" has more than one "!"`, example);
  if (afterEpoch.length === 1 && !/^[0-9]+$/.test(epochOrVersion)) fail(`the epoch in "${version}" must be a number`, `${name}>=1!2.0`);
  const withoutEpoch = afterEpoch[0] ?? epochOrVersion;
  const localParts = withoutEpoch.split('+');
  if (localParts.length > 2) fail(`the version "${version}" has more than one "+"`, example);
  if (localParts.some((part) => part.split(/[._]/).some((component) => component === ''))) {
    fail(`the version "${version}" has an empty part (check for "..", a leading or a trailing "." or "_")`, example);
  }
}

function checkBuild(build: string, name: string): void {
  if (!/^[A-Za-z0-9_.+*]+$/.test(build)) {
    fail(`the build string "${build}" may only contain letters, digits, "_", ".", "+" and "*"`, `${name}=2.4=cuda*`);
  }
}

/** Parses conda's "key=value" list; values may be single-quoted and pairs split by "," or " ". */
function parseBrackets(text: string, name: string): Partial<CondaSpec> {
  const pairs = readBracketPairs(text, name);
  const lifted: Partial<CondaSpec> = {};
  const rest: Record<string, string> = {};
  for (const [key, value] of Object.entries(pairs)) {
    if (key === 'version') lifted.version = normaliseVersion(expandEqualsShorthand(value.replaceAll(' ', ''), false, name), name);
    else if (key === 'build') {
      checkBuild(value, name);
      lifted.build = value;
    } else if (key === 'channel') Object.assign(lifted, parseChannel(value));
    else if (key !== 'subdir') rest[key] = checkBracketValue(key, value);
  }
  // An explicit subdir wins over one found at the end of the channel, whatever the order.
  if (pairs.subdir !== undefined) lifted.subdir = checkSubdir(pairs.subdir);
  if (Object.keys(rest).length > 0) lifted.brackets = rest;
  return lifted;
}

function readBracketPairs(text: string, name: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  const example = `${name}[version='>=1.26',build_number=3]`;
  let index = 0;
  while (index < text.length) {
    if (text[index] === ',' || text[index] === ' ') {
      index += 1;
      continue;
    }
    const key = /^[A-Za-z0-9_-]+/.exec(text.slice(index))?.[0];
    if (!key) fail(`expected key=value inside [...] but found "${text.slice(index)}"`, example);
    index += key.length;
    if (text[index] !== '=') fail(`"${key}" inside [...] needs a value`, example);
    const { value, end } = readBracketValue(text, index + 1, key, example);
    index = end;
    if (value === '') fail(`the value of "${key}" inside [...] is empty`, example);
    if (key in pairs) fail(`"${key}" appears twice inside [...]`, example);
    if (key === 'name') fail('the name goes before [...], not inside it', example);
    if (!(BRACKET_KEYS as readonly string[]).includes(key)) {
      fail(`"${key}" is not a conda match spec key; use one of ${BRACKET_KEYS.join(', ')}`, example);
    }
    pairs[key] = value;
  }
  if (Object.keys(pairs).length === 0) fail('the [...] part is empty', example);
  return pairs;
}

function readBracketValue(text: string, start: number, key: string, example: string): { value: string; end: number } {
  if (text[start] !== "'") {
    const end = findSeparator(text, start);
    const value = text.slice(start, end);
    if (value.includes("'")) fail(`the value of "${key}" has a stray quote`, example);
    return { value, end };
  }
  const close = text.indexOf("'", start + 1);
  if (close === -1) fail(`the quote after "${key}=" is not closed`, example);
  if (close + 1 < text.length && text[close + 1] !== ',' && text[close + 1] !== ' ') {
    fail(`put "," between the pairs inside [...]`, example);
  }
  return { value: text.slice(start + 1, close), end: close + 1 };
}

function findSeparator(text: string, start: number): number {
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === ',' || text[index] === ' ') return index;
  }
  return text.length;
}

function checkSubdir(value: string): string {
  if (!KNOWN_SUBDIRS.has(value)) fail(`"${value}" is not a conda platform subdir`, 'numpy[subdir=linux-64]');
  return value;
}

function checkBracketValue(key: string, value: string): string {
  const rule = BRACKET_VALUE_RULES[key];
  if (!rule.pattern.test(value)) fail(`"${value}" is not a valid ${key}`, `numpy[${rule.example}]`);
  return value;
}

function formatChannelPrefix(spec: CondaSpec): string {
  if (!spec.channel) return '';
  return spec.subdir ? `${spec.channel}/${spec.subdir}::` : `${spec.channel}::`;
}

/** Chooses the spelling conda reads back as the same version and build (see expandEqualsShorthand). */
function formatVersionAndBuild(version: string | undefined, build: string | undefined): string {
  if (version === undefined) return '';
  const startsWithOperator = /^[=<>!~]/.test(version);
  const singleBareClause = !startsWithOperator && !/[,|]/.test(version);
  if (build !== undefined) {
    if (singleBareClause) return `=${version}=${build}`;
    return `${startsWithOperator ? '' : ' '}${version} ${build}`;
  }
  if (startsWithOperator) return version;
  if (!singleBareClause) return ` ${version}`;
  if (version === '*') return '=*';
  if (/^[^*]+\.\*$/.test(version)) return `=${version.slice(0, -2)}`;
  return version.includes('*') ? ` ${version}` : `==${version}`;
}

function formatBrackets(spec: CondaSpec): string {
  const entries: [string, string][] = [];
  if (spec.subdir && !spec.channel) entries.push(['subdir', spec.subdir]);
  // A build without a version can only be written inside brackets: "pkg=*=b" would add version "*".
  if (spec.build !== undefined && spec.version === undefined) entries.push(['build', spec.build]);
  const extra = spec.brackets ?? {};
  const unknownKeys = Object.keys(extra).filter((key) => !(BRACKET_KEYS as readonly string[]).includes(key));
  for (const key of [...BRACKET_KEYS.filter((known) => known in extra), ...unknownKeys.sort()]) entries.push([key, extra[key]]);
  if (entries.length === 0) return '';
  return `[${entries.map(([key, value]) => `${key}=${/^[A-Za-z0-9_.*+-]+$/.test(value) ? value : `'${value}'`}`).join(',')}]`;
}

/**
 * The package name of a spec that parseCondaSpec accepts, read without parsing the whole spec again (the
 * schema and the generators ask for names of thousands of already validated specs).
 * @example condaSpecName('conda-forge::numpy>=1.26') // 'numpy'
 */
export function condaSpecName(spec: string): string | undefined {
  return /^\s*(?:\S*?::)?([a-z0-9_][a-z0-9_.-]*)/.exec(spec)?.[1];
}
