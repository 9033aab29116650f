// Which PyPI project a pip line names, for the look-up of a line the person has left (components/suggest).
import { parsePipLine } from '@/lib/specs/pip-requirement';

/**
 * The project a pip line names (requirements and named URLs), or undefined for options, editables and bad lines.
 * @example pipProjectOf('rich==13.9.4; python_version >= "3.9"') // 'rich'
 */
export function pipProjectOf(line: string): string | undefined {
  const parsed = parsePipLine(line.trim());
  if (!parsed.ok) return undefined;
  if (parsed.line.kind === 'requirement' && !parsed.line.url) return parsed.line.name;
  return undefined;
}
