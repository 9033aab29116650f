import { resolveDesign } from '@/lib/design/resolve';
import { designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import type { GeneratedFile } from '@/lib/generators/types';
import { formatIssues } from '@/lib/validate-design';
import { lintDesignRules, type DesignFinding } from './design-rules';
import { lintDockerfile } from './dockerfile-rules';
import type { DesignChange, Finding, Fix, Severity } from './types';

export type { DesignChange, Finding, Fix, Severity } from './types';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// Dockerfile rules that a design rule already explains (with a fix), for the same cause.
const COVERED_BY_DESIGN_RULE: Record<string, string> = { DL4006: 'CD024' };

function lineOf(files: readonly GeneratedFile[], at: DesignFinding['at']): number | undefined {
  if (!at) return undefined;
  const file = files.find((f) => f.path === at.file);
  const index = file?.content.split('\n').findIndex((line) => at.match.test(line)) ?? -1;
  return index >= 0 ? index + 1 : undefined;
}

function placeDesignFinding(files: readonly GeneratedFile[], { at, ...rest }: DesignFinding): Finding {
  const line = lineOf(files, at);
  // A finding points at a file only where its line exists (e.g. no postBuild when the script is empty).
  return line === undefined ? rest : { ...rest, file: at!.file, line };
}

/** Orders findings errors first, then by file and line, so the panel and the CLI read top-down. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}

/** Everything lint finds in a design: design rules plus the Dockerfile rules on its generated Dockerfile. */
export function lintDesign(design: Design, files: readonly GeneratedFile[] = generateFiles(design)): Finding[] {
  const designFindings = lintDesignRules(resolveDesign(design), files).map((f) => placeDesignFinding(files, f));
  const present = new Set(designFindings.map((f) => f.rule));
  const dockerfile = files.find((file) => file.path === 'Dockerfile');
  const dockerfileFindings = dockerfile
    ? lintDockerfile(dockerfile.content).filter((f) => !present.has(COVERED_BY_DESIGN_RULE[f.rule] ?? ''))
    : [];
  return sortFindings([...designFindings, ...dockerfileFindings]);
}

/** Counts findings by severity, for headers and exit codes. */
export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function setAt(target: unknown, path: DesignChange['path'], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const container = (Array.isArray(target) ? [...target] : { ...(target as object) }) as Record<string | number, unknown>;
  container[head] = setAt(container[head], rest, value);
  return container;
}

/** Applies a fix to a design and validates the result; a fix that would break the design is refused. */
export function applyFix(design: Design, fix: Fix): { ok: true; design: Design } | { ok: false; error: string } {
  const changed = fix.changes.reduce<unknown>((current, change) => setAt(current, change.path, change.value), design);
  const parsed = designSchema.safeParse(changed);
  if (!parsed.success) return { ok: false, error: `The fix "${fix.label}" gives an invalid design:\n${formatIssues(parsed.error.issues).join('\n')}` };
  return { ok: true, design: parsed.data };
}

/**
 * Should Modernize apply this finding's fix? Every error and warning fix, and the hints that switch off a 2020
 * recipe choice. Other hints (move a pip package to conda, pin a version) change what gets installed, so they
 * stay one click each for the user to decide.
 */
function isModernizing(finding: Finding): boolean {
  if (!finding.fix) return false;
  return finding.severity !== 'info' || finding.fix.changes.every((change) => change.path[0] === 'compat');
}

/**
 * Applies every modernizing fix, one at a time and re-linting after each (fixes can interact), until none is
 * left. Returns the new design and the fixes applied, in order.
 */
export function modernize(design: Design): { design: Design; applied: Fix[] } {
  const applied: Fix[] = [];
  const refused = new Set<string>();
  let current = design;
  // Each fix removes its finding, so the rules bound the loop; the cap guards against a rule that does not.
  for (let step = 0; step < 100; step++) {
    const next = lintDesign(current).find((f) => isModernizing(f) && !refused.has(`${f.rule}:${f.field}`));
    if (!next?.fix) break;
    const result = applyFix(current, next.fix);
    if (!result.ok) {
      refused.add(`${next.rule}:${next.field}`);
      continue;
    }
    applied.push(next.fix);
    current = result.design;
  }
  return { design: current, applied };
}
