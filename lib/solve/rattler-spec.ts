// Conda specs as rattler 0.3.5's simpleSolve can take them. Two gaps, measured: a channel in a spec
// ("conda-forge::numpy" or [channel=…]) makes the wasm build panic ("Could not get current directory") and
// poisons the module, and the bracket keys features, track_features and license_family are refused
// ("invalid bracket key"), and [url=…] fails the query ("direct url queries are not supported"). So the channel is taken out and checked against the result afterwards, and those keys
// are left out with a note. A "*" inside a version ("1.*.3", a regular expression to conda) cannot be queried
// ("regex constraints are not supported"): such a spec is reported instead of solved. Everything else is passed in the canonical spelling of lib/specs/conda-spec.
import { formatCondaSpec, parseCondaSpec } from '@/lib/specs/conda-spec';

/** Bracket keys conda knows and rattler 0.3.5 refuses. */
const UNSUPPORTED_BRACKET_KEYS = ['features', 'track_features', 'license_family', 'url'];

/** A spec ready for simpleSolve, and what was taken out of it. */
export interface RattlerSpec {
  /** The spec to pass to rattler. */
  spec: string;
  name: string;
  /** The channel the spec asked for, to check against the solved package. */
  channel?: string;
  /** What rattler does not see, in words. */
  notes: string[];
}

/** Result of toRattlerSpec. */
export type RattlerSpecResult = { ok: true; value: RattlerSpec } | { ok: false; error: string };

/**
 * Translates one conda spec that lib/specs/conda-spec accepts into one rattler 0.3.5 parses.
 * @example toRattlerSpec('conda-forge::numpy>=1.26') // { ok: true, value: { spec: 'numpy>=1.26', name: 'numpy', channel: 'conda-forge', notes: [...] } }
 */
export function toRattlerSpec(text: string): RattlerSpecResult {
  const parsed = parseCondaSpec(text);
  if (!parsed.ok) return parsed;
  const { channel, brackets, ...rest } = parsed.spec;
  // conda reads a "*" inside a version ("1.*.3") as a regular expression; rattler refuses to query with one.
  const innerGlob = (rest.version ?? '').split(/[,|]/).find((clause) => clause.replace(/\.?\*$/, '').includes('*'));
  if (innerGlob !== undefined)
    return { ok: false, error: `The solver cannot check "${text}": "${innerGlob}" has "*" inside the version (conda reads it as a regular expression); write a range like "${rest.name}>=1.0,<2".` };
  const notes: string[] = [];
  const kept = Object.fromEntries(Object.entries(brackets ?? {}).filter(([key]) => !UNSUPPORTED_BRACKET_KEYS.includes(key)));
  for (const key of Object.keys(brackets ?? {}).filter((key) => UNSUPPORTED_BRACKET_KEYS.includes(key)))
    notes.push(`[${key}=…] is not checked: the solver does not support it`);
  if (channel !== undefined) notes.push(`the channel "${channel}" is checked after the solve`);
  const spec = formatCondaSpec({ ...rest, ...(Object.keys(kept).length > 0 ? { brackets: kept } : {}) });
  return { ok: true, value: { spec, name: rest.name, ...(channel === undefined ? {} : { channel }), notes } };
}
