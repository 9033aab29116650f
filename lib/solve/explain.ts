// rattler 0.3.5 throws strings (and wasm RuntimeErrors on a panic). These helpers turn them into one message, say
// what kind of failure it is, and find the spec to blame so the page can link the form field.

/** What went wrong in a solve. */
export type SolveFailureKind = 'unsolvable' | 'no-candidates' | 'invalid-spec' | 'network' | 'solver-crashed';

/**
 * The message of whatever rattler threw: a string, an Error or something else.
 * @example normaliseRattlerError('Cannot solve the request because of: No candidates were found for x *.\n') // 'Cannot solve the request because of: No candidates were found for x *.'
 */
export function normaliseRattlerError(error: unknown): string {
  const text = typeof error === 'string' ? error : error instanceof Error ? error.message : JSON.stringify(error) ?? String(error);
  return text.trim() || 'the solver failed without a message';
}

/**
 * The kind of failure a rattler message describes.
 * @example classifyRattlerError('error sending request') // 'network'
 */
export function classifyRattlerError(message: string): SolveFailureKind {
  if (/^Cannot solve the request because of: No candidates were found for [^\n]*\.$/.test(message)) return 'no-candidates';
  if (message.startsWith('Cannot solve the request')) return 'unsolvable';
  if (/error sending request|failed to fetch|could not find subdir|network|http status|404|connection/i.test(message)) return 'network';
  if (/unreachable|panicked|RuntimeError/i.test(message)) return 'solver-crashed';
  return 'invalid-spec';
}

/** A spec of the design with where it comes from. */
export interface SpecOrigin {
  /** Package name. */
  name: string;
  /** The spec as written in the design / environment.yml. */
  spec: string;
  /** The form field, e.g. "conda.packages.3" or "conda.pythonVersion". */
  field?: string;
  /** 1-based line in environment.yml. */
  line?: number;
}

/** The top-level entries of rattler's explanation: one per requested spec involved. */
function rootEntries(message: string): string[] {
  const body = message.replace(/^Cannot solve the request because of: /, '');
  const lines = body.split('\n');
  const first = lines[0];
  // "The following packages are incompatible" introduces a tree whose first level is the requested specs.
  if (/^The following packages are incompatible/.test(first))
    return lines.filter((line) => /^[├└]─ /.test(line)).map((line) => line.slice(3));
  return [first];
}

/** Package name at the start of an explanation entry ("numpy >=2 can be installed…", "No candidates were found for x *."). */
function entryName(entry: string): string | undefined {
  const noCandidates = /^No candidates were found for ([^\s.]+)/.exec(entry);
  if (noCandidates) return noCandidates[1];
  return /^([A-Za-z0-9_][A-Za-z0-9_.-]*)/.exec(entry)?.[1];
}

/**
 * The spec to blame for a failed solve: the requested spec that "cannot be installed" or has no candidates; for a
 * parse error, the spec the message quotes. Names compare case-insensitively (rattler normalises them).
 * @example blameSpec('Cannot solve the request because of: No candidates were found for mkl *.', [{ name: 'mkl', spec: 'mkl', field: 'conda.packages.0' }])?.field // 'conda.packages.0'
 */
export function blameSpec(message: string, specs: readonly SpecOrigin[]): SpecOrigin | undefined {
  const byName = (name: string | undefined) => specs.find((origin) => origin.name.toLowerCase() === name?.toLowerCase());
  if (message.startsWith('Cannot solve the request')) {
    const entries = rootEntries(message);
    const failing = entries.filter((entry) => /cannot be installed|No candidates were found|is locked, but another version is required/.test(entry));
    for (const entry of [...failing, ...entries]) {
      const found = byName(entryName(entry));
      if (found) return found;
    }
    return undefined;
  }
  // A parse error quotes the text it could not read.
  return specs.find((origin) => message.includes(`'${origin.spec}'`) || message.includes(origin.spec)) ?? byName(/'([^']+)'/.exec(message)?.[1]);
}
