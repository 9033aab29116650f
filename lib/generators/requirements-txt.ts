import type { ResolvedDesign } from '@/lib/design/resolve';
import { textFile, type GeneratedFile } from './types';

/** Generates requirements.txt (pip packages, index options first; pinned with a lock), or nothing without pip packages. */
export function generateRequirementsTxt(r: ResolvedDesign): GeneratedFile | null {
  if (r.requirementLines.length === 0) return null;
  const header = !r.design.dockerfile.comments
    ? ''
    : r.lock
      ? "# pip packages, each pinned to the version checked when locking; installed by pip after the conda lock.\n# Their own dependencies are not locked: pip resolves them at build time.\n"
      : '# pip packages, installed by conda through environment.yml\n';
  return textFile('requirements.txt', `${header}${r.requirementLines.join('\n')}\n`, 'plaintext');
}
