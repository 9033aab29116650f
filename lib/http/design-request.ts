// The HTTP door's input side: a Request becomes a validated design or an error value with a status. Pure apart from
// reading the request body; the routes in app/api only choose what to render from the design.
import { CORE_SCHEMA, YAMLException, load } from 'js-yaml';
import { z } from 'zod';
import { PRESETS, findPreset } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { decodeDesign } from '@/lib/share';
import { formatIssuePath } from '@/lib/validate-design';
import { jsonErrorOffset, lineAndColumn } from './json-error';

/** Largest request body the API reads, in bytes (256 KB); a design is a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Deepest YAML nesting accepted; a design nests 4 levels (`runtime.env[0].name`). */
export const MAX_YAML_DEPTH = 16;

/** One validation problem: the field as `user.name` / `conda.packages[2]` and a message that names it. */
export interface ApiIssue {
  path: string;
  message: string;
}

/** An error the API answers with: the HTTP status and the JSON body `{ error, issues }`. */
export interface HttpProblem {
  // 422: a valid design that cannot be locked (it does not solve). 5xx: the server cannot answer (misconfigured,
  // a channel unreachable, too busy, too slow), not a bad request.
  status: 400 | 405 | 413 | 415 | 422 | 500 | 502 | 503 | 504;
  error: string;
  issues: ApiIssue[];
}

/** A design read from a request, with what was ignored on the way (from share codes), or the problem. */
export type DesignRequestResult = { ok: true; design: Design; warnings: string[] } | ({ ok: false } & HttpProblem);

/** The body formats the API reads. */
export type BodyFormat = 'json' | 'yaml';

const JSON_TYPES = new Set(['application/json']);
const YAML_TYPES = new Set(['application/yaml', 'text/yaml', 'application/x-yaml', 'text/x-yaml']);
// What clients send when nobody set a type: curl -d uses form-urlencoded, some tools text/plain or octet-stream.
const SNIFFED_TYPES = new Set(['', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']);

const QUERY_PARAMS = ['d', 'preset'] as const;
const PRESET_IDS = PRESETS.map((preset) => preset.id).join(', ');

const problem = (status: HttpProblem['status'], error: string, issues: ApiIssue[] = []) =>
  ({ ok: false, status, error, issues }) as const;

/**
 * Reads the design a request asks for: `?d=` / `?preset=` (or the default design) for GET and HEAD, the body for
 * anything else. Never throws.
 * @example await readDesignRequest(new Request('http://x/api/zip?preset=minimal-python')) // { ok: true, design, warnings: [] }
 */
export async function readDesignRequest(request: Request): Promise<DesignRequestResult> {
  const query = new URL(request.url).searchParams;
  if (request.method === 'GET' || request.method === 'HEAD') return designFromQuery(query);

  const misplaced = QUERY_PARAMS.find((name) => query.has(name));
  if (misplaced)
    return problem(
      400,
      `Query parameter "${misplaced}" works with GET only; for ${request.method} send the design in the body, or use GET ${new URL(request.url).pathname}?${misplaced}=…`,
    );
  const format = bodyFormat(request.headers.get('content-type'));
  if (!format.ok) return format;
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== '')
    return problem(415, `Content-Encoding "${encoding}" is not supported; send the design uncompressed.`);
  const body = await readBodyText(request, MAX_BODY_BYTES);
  if (!body.ok) return body;
  const input = parseDesignText(body.text, format.format);
  if (!input.ok) return input;
  return designFromInput(input.value);
}

/**
 * The design named by a query: `d=<share code>`, `preset=<id>`, or the default design when neither is given.
 * @example designFromQuery(new URLSearchParams('preset=data-science')) // { ok: true, design, warnings: [] }
 */
export function designFromQuery(query: URLSearchParams): DesignRequestResult {
  const unknown = [...new Set(query.keys())].filter((name) => !(QUERY_PARAMS as readonly string[]).includes(name));
  if (unknown.length > 0)
    return problem(
      400,
      `Unknown query parameter ${unknown.map((name) => `"${name}"`).join(', ')}; use "preset=<id>" or "d=<share code>", e.g. ?preset=data-science.`,
      unknown.map((name) => ({ path: name, message: `${name}: not a parameter of this endpoint; use "preset" or "d".` })),
    );
  const repeated = QUERY_PARAMS.find((name) => query.getAll(name).length > 1);
  if (repeated) return problem(400, `Query parameter "${repeated}" is given more than once; give it once.`);
  const code = query.get('d');
  const presetId = query.get('preset');
  if (code !== null && presetId !== null)
    return problem(400, 'Give either "d" (a share code) or "preset", not both.', [
      { path: 'd', message: 'd: cannot be combined with "preset"; drop one of them.' },
    ]);

  if (code !== null) {
    const decoded = decodeDesign(code);
    if (!decoded.ok) return problem(400, `Share code: ${decoded.error}`, [{ path: 'd', message: `Share code: ${decoded.error}` }]);
    return { ok: true, design: decoded.design, warnings: decoded.warnings };
  }
  if (presetId !== null) {
    const preset = findPreset(presetId);
    if (!preset) {
      const message = `Preset: "${presetId}" is not a preset; choose one of ${PRESET_IDS}.`;
      return problem(400, message, [{ path: 'preset', message }]);
    }
    return { ok: true, design: preset.design, warnings: [] };
  }
  return { ok: true, design: DEFAULT_DESIGN, warnings: [] };
}

/**
 * The body format a Content-Type names; `undefined` means "decide from the text" (no type, or a generic one).
 * @example bodyFormat('application/yaml; charset=utf-8') // { ok: true, format: 'yaml' }
 */
export function bodyFormat(contentType: string | null): { ok: true; format: BodyFormat | undefined } | ({ ok: false } & HttpProblem) {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (JSON_TYPES.has(mediaType) || mediaType.endsWith('+json')) return { ok: true, format: 'json' };
  if (YAML_TYPES.has(mediaType) || mediaType.endsWith('+yaml')) return { ok: true, format: 'yaml' };
  if (SNIFFED_TYPES.has(mediaType)) return { ok: true, format: undefined };
  return problem(
    415,
    `Content-Type "${mediaType}" is not supported; send the design as application/json or application/yaml.`,
  );
}

/**
 * The body as UTF-8 text, read as a stream and abandoned as soon as it passes `limit` bytes, so an oversized or
 * endless body is never buffered whole. A Content-Length over the limit is refused before reading anything.
 * @example await readBodyText(new Request('http://x', { method: 'POST', body: '{}' }), 1024) // { ok: true, text: '{}' }
 */
export async function readBodyText(request: Request, limit: number): Promise<{ ok: true; text: string } | ({ ok: false } & HttpProblem)> {
  const tooLarge = problem(
    413,
    `Request body: larger than ${formatBytes(limit)}; a design is a few KB, so send only the design (fields left out take their defaults).`,
  );
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return tooLarge;
  if (request.body === null) return { ok: true, text: '' };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch (error) {
    return problem(400, `Request body: could not be read (${error instanceof Error ? error.message : String(error)}).`);
  }

  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    // fatal: a Latin-1 or binary upload is an error, not a design with U+FFFD in it. A leading BOM is dropped.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return problem(400, 'Request body: not valid UTF-8 text; save the design as UTF-8.');
  }
}

/**
 * Parses a design file's text as JSON or YAML (`undefined`: decide from the text). Errors name the line.
 *
 * YAML from strangers is parsed with js-yaml's CORE_SCHEMA (plain data only: no custom tags, no `!!js/function`),
 * `maxAliases: 0` (a design needs no anchors; refusing aliases rules out "billion laughs" expansion and merge-key
 * tricks outright, instead of bounding them) and `maxDepth` 16; the body cap bounds everything else. `json: true`
 * is not used: it only makes duplicate keys silently override, and a duplicate key in a design is a mistake worth
 * reporting.
 * @example parseDesignText('user:\n  name: ada\n', 'yaml') // { ok: true, value: { user: { name: 'ada' } } }
 */
export function parseDesignText(text: string, format: BodyFormat | undefined): { ok: true; value: unknown } | ({ ok: false } & HttpProblem) {
  if (text.trim() === '')
    return problem(400, 'Request body: empty; send a design as JSON or YAML, e.g. {} for the default design.');
  // Without a type, text that opens like JSON (`curl -d '{…}'`) is most likely JSON: its errors are the useful ones.
  const looksLikeJson = format === 'json' || (format === undefined && /^\s*[{[]/.test(text));
  let jsonError: unknown;
  if (looksLikeJson) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      if (format === 'json') return problem(400, `Request body: invalid JSON${jsonErrorLocation(text, error)}.`);
      jsonError = error;
    }
  }
  try {
    return { ok: true, value: load(text, { schema: CORE_SCHEMA, maxAliases: 0, maxDepth: MAX_YAML_DEPTH }) };
  } catch (error) {
    if (jsonError !== undefined) return problem(400, `Request body: invalid JSON${jsonErrorLocation(text, jsonError)}.`);
    return problem(400, `Request body: invalid YAML${yamlErrorLocation(error)}.`);
  }
}

/**
 * Validates parsed input through the design schema. Unknown fields are errors here, not silently dropped: a typo
 * such as `pakages` would otherwise give a default design that looks right. Never throws.
 * @example designFromInput({ user: { name: 'Ada' } }) // { ok: false, status: 400, issues: [{ path: 'user.name', … }] }
 */
export function designFromInput(input: unknown): DesignRequestResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const message = `Design: expected an object (a JSON object or YAML mapping), got ${describe(input)}, e.g. {"project": {"name": "demo"}}.`;
    return problem(400, message, [{ path: '(design)', message }]);
  }
  let parsed: ReturnType<typeof designSchema.safeParse>;
  try {
    parsed = designSchema.safeParse(input, { error: defaultIssueMessage });
  } catch (error) {
    return problem(400, `Design: could not be validated (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
    return problem(400, summarize(issues), issues);
  }
  const unknown = unknownFields(input, parsed.data, []);
  if (unknown.length > 0) return problem(400, summarize(unknown), unknown);
  return { ok: true, design: parsed.data, warnings: [] };
}

const en = z.locales.en().localeError;

/** Zod's own message, prefixed with the path, for the checks the schema gives no message of its own (types mostly). */
function defaultIssueMessage(issue: z.core.$ZodRawIssue): string {
  const path = formatIssuePath(issue.path ?? []);
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}: required.`;
  const fallback = en(issue);
  const text = (typeof fallback === 'string' ? fallback : fallback?.message ?? 'invalid value').replace(/^Invalid input: /, '');
  return `${path}: ${text}.`;
}

/** Fields in `input` that the schema dropped from `output` (zod objects strip keys they do not know). */
function unknownFields(input: unknown, output: unknown, path: PropertyKey[]): ApiIssue[] {
  if (Array.isArray(input) && Array.isArray(output))
    return input.flatMap((item, index) => unknownFields(item, output[index], [...path, index]));
  if (!isObject(input) || !isObject(output)) return [];
  return Object.keys(input).flatMap((key) => {
    if (Object.hasOwn(output, key)) return unknownFields(input[key], output[key], [...path, key]);
    const where = path.length === 0 ? 'a design' : formatIssuePath(path);
    const message = `${formatIssuePath([...path, key])}: unknown field; ${where} has ${Object.keys(output).join(', ')}.`;
    return [{ path: formatIssuePath([...path, key]), message }];
  });
}

function summarize(issues: ApiIssue[]): string {
  const shown = issues.slice(0, 10).map((issue) => (issue.message.startsWith(issue.path) ? issue.message : `${issue.path}: ${issue.message}`));
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return `Invalid design: ${shown.join(' · ')}${more}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

function formatBytes(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KB (${bytes} bytes)` : `${bytes} bytes`;
}

/** " at line L, column C: reason" from a js-yaml error (its mark is 0-based), or ": reason" without a mark. */
function yamlErrorLocation(error: unknown): string {
  if (error instanceof YAMLException) {
    const reason = error.reason || 'syntax error';
    return error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}: ${reason}` : `: ${reason}`;
  }
  return `: ${error instanceof Error ? error.message : String(error)}`;
}

/** " at line L, column C: reason" for a JSON.parse error; V8's reason without the input it quotes. */
function jsonErrorLocation(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/, ".*$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  const { line, column } = lineAndColumn(text, jsonErrorOffset(text));
  return ` at line ${line}, column ${column}: ${reason}`;
}
