// Share links: `/#d=<code>`, where code = `<format version>.<base64url(raw deflate(JSON of the fields that differ
// from the defaults))>`. Only the difference is encoded so the default design gives a near-empty link and a
// preset a short one. Everything is synchronous (fflate) so the page can encode during render and the server
// can decode without awaiting.
import { Inflate, deflateSync } from 'fflate';
import { DEFAULT_DESIGN, SCHEMA_VERSION, type Design } from '@/lib/design/schema';
import { findUnknownKeys, validateDesign } from '@/lib/validate-design';

/** Longest share code decodeDesign accepts, in characters (checked before inflating). */
export const MAX_SHARE_CODE_LENGTH = 64 * 1024;
/** Largest inflated JSON decodeDesign accepts, in bytes: a guard against deflate bombs. */
export const MAX_SHARE_JSON_BYTES = 1024 * 1024;

/** Result of decodeDesign: the validated design and what was ignored, or a message a person can act on. */
export type DecodeDesignResult = { ok: true; design: Design; warnings: string[] } | { ok: false; error: string };

const RECOPY = 'Copy the whole link again, up to its last character.';
// A link's design problems go into one message, one per line; past this many, the rest are counted.
const MAX_LISTED_ISSUES = 5;
const damaged = (what: string) => `The link is damaged or truncated (${what}). ${RECOPY}`;

/**
 * The share code of a design: only the fields that differ from DEFAULT_DESIGN, compressed, URL-safe.
 * @example encodeDesign(DEFAULT_DESIGN) // '1.q64FAA'
 */
export function encodeDesign(design: Design): string {
  const changes = diffFromDefaults(design, DEFAULT_DESIGN) ?? {};
  const json = new TextEncoder().encode(JSON.stringify(changes));
  return `${SCHEMA_VERSION}.${toBase64Url(deflateSync(json, { level: 9 }))}`;
}

/**
 * The share link of a design on a site.
 * @example shareUrl('https://condocker.example', design) // 'https://condocker.example/#d=1.q64FAA'
 */
export function shareUrl(origin: string, design: Design): string {
  return `${origin.replace(/\/+$/, '')}/#d=${encodeDesign(design)}`;
}

/**
 * Reads a share code, a `#d=…`/`?d=…` fragment or a whole pasted link back into a validated design; never throws.
 * @example decodeDesign('https://condocker.example/#d=1.q64FAA') // { ok: true, design: DEFAULT_DESIGN, warnings: [] }
 */
export function decodeDesign(code: string): DecodeDesignResult {
  try {
    return decodeOrFail(code);
  } catch (error) {
    // Every expected failure is returned above; this only keeps a bug from breaking the page that opened the link.
    return { ok: false, error: `The link could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}

function decodeOrFail(input: string): DecodeDesignResult {
  if (typeof input !== 'string') return { ok: false, error: 'The share code must be text, e.g. "1.q64FAA".' };
  const code = extractCode(input);
  if (code === '') return { ok: false, error: 'The share code is empty; paste a link that contains "#d=…".' };
  if (code.length > MAX_SHARE_CODE_LENGTH)
    return {
      ok: false,
      error: `The share code is too long (${code.length} characters; at most ${MAX_SHARE_CODE_LENGTH}). Share the design as a file instead.`,
    };

  const versioned = /^(\d{1,9})\.(.*)$/s.exec(code);
  if (!versioned)
    return {
      ok: false,
      error: `This is not a Condocker share code: it should start with a format version, e.g. "#d=${SCHEMA_VERSION}.q64FAA".`,
    };
  const version = Number(versioned[1]);
  if (version > SCHEMA_VERSION)
    return {
      ok: false,
      error: `This link was made by a newer Condocker (format ${version}; this one reads format ${SCHEMA_VERSION}). Open it with the newer Condocker or ask for the design file.`,
    };
  if (version !== SCHEMA_VERSION)
    return { ok: false, error: `This link uses an unknown format version ${version}; this Condocker reads format ${SCHEMA_VERSION}.` };

  const compressed = fromBase64Url(versioned[2]);
  if (!compressed) return { ok: false, error: damaged('it contains characters that are not base64url') };
  if (compressed.length === 0) return { ok: false, error: damaged('nothing after the version') };

  const inflated = inflateCapped(compressed, MAX_SHARE_JSON_BYTES);
  if (inflated === 'too-big')
    return { ok: false, error: `The link's design is larger than ${MAX_SHARE_JSON_BYTES / 1024 / 1024} MB once unpacked; Condocker does not open it.` };
  if (inflated === 'corrupt') return { ok: false, error: damaged('the compressed data is incomplete or corrupt') };

  let changes: unknown;
  try {
    changes = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return { ok: false, error: damaged('the unpacked data is not a JSON design') };
  }
  if (!isPlainObject(changes))
    return { ok: false, error: `The link does not contain a design: expected a JSON object, found ${describeJson(changes)}.` };

  const merged = applyChanges(DEFAULT_DESIGN, changes);
  const validated = validateDesign(merged);
  if (!validated.ok) {
    const { issues } = validated;
    // Issue messages contain their own punctuation, so several are listed one per line (CSS: white-space: pre-line).
    if (issues.length === 1) return { ok: false, error: `The link's design is not valid: ${issues[0]}` };
    const listed = issues.slice(0, MAX_LISTED_ISSUES);
    if (issues.length > MAX_LISTED_ISSUES) listed.push(`…and ${issues.length - MAX_LISTED_ISSUES} more.`);
    return { ok: false, error: `The link's design is not valid:\n${listed.join('\n')}` };
  }
  const warnings = findUnknownKeys(changes, validated.design).map(
    (path) => `Ignored "${path}": this Condocker does not know that setting (the link may come from another version).`,
  );
  return { ok: true, design: validated.design, warnings };
}

/** The code inside whatever was pasted: a bare code, `d=…`, `#d=…`, `?d=…` or a whole URL. */
function extractCode(input: string): string {
  const text = input.trim();
  const param = /(?:^|[#?&])d=([^&#\s]*)/.exec(text);
  const code = param ? param[1] : text;
  if (!code.includes('%')) return code;
  try {
    // Chat apps and mail clients sometimes percent-encode characters of a pasted link.
    return decodeURIComponent(code);
  } catch {
    return code;
  }
}

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** The parts of `value` that differ from `base`, or undefined when equal. Arrays are compared whole. */
function diffFromDefaults(value: unknown, base: unknown): unknown {
  if (isPlainObject(value) && isPlainObject(base)) {
    const changes: PlainObject = {};
    for (const [key, child] of Object.entries(value)) {
      const change = diffFromDefaults(child, Object.hasOwn(base, key) ? base[key] : undefined);
      if (change !== undefined) changes[key] = change;
    }
    return Object.keys(changes).length > 0 ? changes : undefined;
  }
  return JSON.stringify(value) === JSON.stringify(base) ? undefined : value;
}

/** `changes` laid over `base`, objects merged key by key, everything else replaced. */
function applyChanges(base: unknown, changes: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(changes)) return changes;
  const merged: PlainObject = { ...base };
  for (const [key, change] of Object.entries(changes)) {
    // defineProperty, not assignment: a JSON key "__proto__" must stay a plain (unknown, dropped) key.
    Object.defineProperty(merged, key, {
      value: applyChanges(Object.hasOwn(base, key) ? base[key] : undefined, change),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}

/** Inflates raw deflate data, stopping as soon as the output passes `cap` bytes. */
function inflateCapped(data: Uint8Array, cap: number): Uint8Array | 'too-big' | 'corrupt' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total <= cap) chunks.push(chunk);
  });
  // Small input slices bound what one push can produce (deflate expands at most ~1032x), so a bomb is
  // stopped after about 1 MB of work instead of being inflated whole.
  const SLICE = 1024;
  try {
    for (let start = 0; start < data.length && total <= cap; start += SLICE)
      inflater.push(data.subarray(start, start + SLICE), start + SLICE >= data.length);
  } catch {
    return 'corrupt';
  }
  if (total > cap) return 'too-big';
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_VALUES = new Uint8Array(128);
for (let index = 0; index < BASE64URL.length; index++) BASE64URL_VALUES[BASE64URL.charCodeAt(index)] = index;

/** base64url without padding (RFC 4648 §5); written out because `btoa` needs binary strings and Buffer is Node-only. */
function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const triple = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) text += BASE64URL[(triple >> (18 - 6 * c)) & 63];
  }
  return text;
}

/** Bytes of a base64url text (padding tolerated), or undefined when it is not base64url. */
function fromBase64Url(text: string): Uint8Array | undefined {
  const body = text.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((body.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let offset = 0;
  for (let index = 0; index < body.length; index++) {
    buffer = (buffer << 6) | BASE64URL_VALUES[body.charCodeAt(index)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[offset++] = (buffer >> bits) & 255;
    }
    buffer &= (1 << bits) - 1;
  }
  return bytes;
}
