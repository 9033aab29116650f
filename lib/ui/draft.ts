// The design in progress, kept in localStorage so a reload or a browser crash loses nothing. The stored value
// is what the form holds (possibly invalid while someone types), so it is checked against the form's shape,
// not against the schema: an unfinished entry comes back as typed, a damaged value is ignored.

/** localStorage key of the draft; the version in the key changes when the stored shape does. */
export const DRAFT_STORAGE_KEY = 'condocker:draft:v1';
/** Version written inside the stored value. */
export const DRAFT_VERSION = 1;

/** What the page saves: the form values, the preset they started from and a fingerprint of that start. */
export interface Draft<T> {
  values: T;
  /** Preset the design started from, or null after "New design", a link or an import. */
  presetId: string | null;
  /** fingerprint() of the values when the design was last loaded, to know whether there are changes to lose. */
  baseline: string;
}

/** Result of restoreDraft: nothing stored, a draft, or why the stored value was ignored. */
export type RestoreDraftResult<T> = { status: 'empty' } | { status: 'ok'; draft: Draft<T> } | { status: 'ignored'; reason: string };

/**
 * The text to store for a draft.
 * @example serializeDraft({ values: { a: 1 }, presetId: null, baseline: '0' }) // '{"version":1,"values":{"a":1},…}'
 */
export function serializeDraft<T>(draft: Draft<T>): string {
  return JSON.stringify({ version: DRAFT_VERSION, ...draft });
}

/**
 * Reads a stored draft back over `defaults`: keys missing from the stored values get their default, and any value
 * whose type differs from the defaults' (see conformToShape) makes the whole draft ignored.
 * @example restoreDraft(null, defaults) // { status: 'empty' }
 */
export function restoreDraft<T>(text: string | null, defaults: T, itemShapes: ItemShapes = {}): RestoreDraftResult<T> {
  if (text === null || text === '') return { status: 'empty' };
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return { status: 'ignored', reason: 'it is not valid JSON' };
  }
  if (!isPlainObject(stored)) return { status: 'ignored', reason: 'it is not a saved design' };
  if (stored.version !== DRAFT_VERSION)
    return { status: 'ignored', reason: `it was saved in format ${String(stored.version)}; this page reads format ${DRAFT_VERSION}` };
  const values = conformToShape(defaults, stored.values, itemShapes);
  if (values === undefined) return { status: 'ignored', reason: 'its values do not fit the form' };
  const presetId = typeof stored.presetId === 'string' ? stored.presetId : null;
  const baseline = typeof stored.baseline === 'string' ? stored.baseline : '';
  return { status: 'ok', draft: { values: values as T, presetId, baseline } };
}

/** Element shapes of arrays that are empty in the defaults, by dotted path (e.g. `runtime.env`); others hold strings. */
export type ItemShapes = Readonly<Record<string, unknown>>;

/**
 * `value` laid over `template` when every value has the template's type (numbers may also be strings, as number
 * inputs hold them); missing object keys take the template's value, unknown keys are dropped. undefined otherwise.
 * @example conformToShape({ a: 1, b: 'x' }, { a: '2' }) // { a: '2', b: 'x' }
 */
export function conformToShape(template: unknown, value: unknown, itemShapes: ItemShapes = {}, path = ''): unknown {
  if (Array.isArray(template)) {
    if (!Array.isArray(value)) return undefined;
    const item = template.length > 0 ? template[0] : Object.hasOwn(itemShapes, path) ? itemShapes[path] : '';
    const items = value.map((entry) => conformToShape(item, entry, itemShapes, `${path}[]`));
    return items.includes(undefined) ? undefined : items;
  }
  if (isPlainObject(template)) {
    if (!isPlainObject(value)) return undefined;
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(template)) {
      const childPath = path ? `${path}.${key}` : key;
      const conformed = Object.hasOwn(value, key) ? conformToShape(child, value[key], itemShapes, childPath) : child;
      if (conformed === undefined) return undefined;
      result[key] = conformed;
    }
    return result;
  }
  if (typeof template === 'number') return typeof value === 'number' || typeof value === 'string' ? value : undefined;
  return typeof value === typeof template ? value : undefined;
}

/**
 * A short, stable fingerprint of a JSON-able value (FNV-1a over its JSON), to compare designs without storing them twice.
 * @example fingerprint({ a: 1 }) === fingerprint({ a: 1 }) // true
 */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
