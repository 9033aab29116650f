// PEP 508 environment markers evaluated for the image's Python and platform, on the canonical spelling that
// lib/specs/pip-requirement writes (double-quoted strings, single spaces).
import { satisfies, valid } from '@renovatebot/pep440';

/** The marker variables of one target (PEP 508 "Environment Markers"). */
export interface MarkerEnvironment {
  python_version: string;
  python_full_version: string;
  os_name: string;
  sys_platform: string;
  platform_machine: string;
  platform_system: string;
  platform_python_implementation: string;
  implementation_name: string;
  implementation_version: string;
  platform_release: string;
  platform_version: string;
  extra: string;
}

/**
 * The marker environment of CPython on Linux in the image.
 * @example markerEnvironment('3.12', 'aarch64').platform_machine // 'aarch64'
 */
export function markerEnvironment(python: string, machine: 'x86_64' | 'aarch64', fullVersion = `${python}.0`): MarkerEnvironment {
  return {
    python_version: python,
    python_full_version: fullVersion,
    os_name: 'posix',
    sys_platform: 'linux',
    platform_machine: machine,
    platform_system: 'Linux',
    platform_python_implementation: 'CPython',
    implementation_name: 'cpython',
    implementation_version: fullVersion,
    // The build host's kernel: unknown when checking.
    platform_release: '',
    platform_version: '',
    extra: '',
  };
}

type Token = { kind: 'string' | 'variable' | 'op' | 'and' | 'or' | '(' | ')'; text: string };

const VERSION_VARIABLES = new Set(['python_version', 'python_full_version', 'implementation_version']);

function tokenize(marker: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:"([^"]*)"|'([^']*)'|(===|==|!=|<=|>=|~=|<|>)|(not\s+in)\b|\b(in|and|or)\b|([()])|([A-Za-z_][A-Za-z0-9_.]*))/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < marker.length && (match = pattern.exec(marker))) {
    const [, dq, sq, op, notIn, word, paren, variable] = match;
    if (dq !== undefined || sq !== undefined) tokens.push({ kind: 'string', text: dq ?? sq });
    else if (op) tokens.push({ kind: 'op', text: op });
    else if (notIn) tokens.push({ kind: 'op', text: 'not in' });
    else if (word === 'in') tokens.push({ kind: 'op', text: 'in' });
    else if (word) tokens.push({ kind: word as 'and' | 'or', text: word });
    else if (paren) tokens.push({ kind: paren as '(' | ')', text: paren });
    else if (variable) tokens.push({ kind: 'variable', text: variable });
    if (/^\s*$/.test(marker.slice(pattern.lastIndex))) break;
  }
  if (/\S/.test(marker.slice(pattern.lastIndex))) throw new Error(`cannot read the marker "${marker}"`);
  return tokens;
}

const FLIPPED: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };

function compare(left: Token, op: string, right: Token, env: MarkerEnvironment): boolean {
  const value = (token: Token) => (token.kind === 'variable' ? (env[token.text as keyof MarkerEnvironment] ?? '') : token.text);
  const [l, r] = [value(left), value(right)];
  if (op === 'in') return r.includes(l);
  if (op === 'not in') return !r.includes(l);
  // PEP 508: version comparison when both sides are versions, for version variables; else plain strings.
  const versionVariable = left.kind === 'variable' ? left.text : right.kind === 'variable' ? right.text : '';
  if (VERSION_VARIABLES.has(versionVariable) && valid(l) && (valid(r) || (op === '==' && r.endsWith('.*')) || op === '~=')) {
    if (left.kind === 'variable') return satisfies(l, `${op}${r}`, { prereleases: true });
    if (FLIPPED[op]) return satisfies(r, `${FLIPPED[op]}${l}`, { prereleases: true });
  }
  if (op === '==' || op === '===') return l === r;
  if (op === '!=') return l !== r;
  return false;
}

/**
 * Evaluates a PEP 508 marker for an environment (`extra` is empty: requirement lines install no extras of
 * themselves).
 * @example evaluateMarker('python_version < "3.11"', markerEnvironment('3.12', 'x86_64')) // false
 */
export function evaluateMarker(marker: string, env: MarkerEnvironment): boolean {
  const tokens = tokenize(marker);
  let position = 0;
  const orExpression = (): boolean => {
    let result = andExpression();
    while (tokens[position]?.kind === 'or') {
      position += 1;
      const right = andExpression();
      result = result || right;
    }
    return result;
  };
  const andExpression = (): boolean => {
    let result = atom();
    while (tokens[position]?.kind === 'and') {
      position += 1;
      const right = atom();
      result = result && right;
    }
    return result;
  };
  const atom = (): boolean => {
    const token = tokens[position++];
    if (token?.kind === '(') {
      const result = orExpression();
      if (tokens[position++]?.kind !== ')') throw new Error(`unbalanced parentheses in "${marker}"`);
      return result;
    }
    const op = tokens[position++];
    const right = tokens[position++];
    if (!token || op?.kind !== 'op' || !right) throw new Error(`cannot read the marker "${marker}"`);
    return compare(token, op.text, right, env);
  };
  const result = orExpression();
  if (position !== tokens.length) throw new Error(`unexpected "${tokens[position].text}" in "${marker}"`);
  return result;
}
