import type { ResolvedDesign } from '@/lib/design/resolve';
import { textFile, type GeneratedFile } from './types';

/** Generates requirements.txt (pip packages, index options first), or nothing without pip packages. */
export function generateRequirementsTxt(r: ResolvedDesign): GeneratedFile | null {
  if (r.requirementLines.length === 0) return null;
  const header = r.design.dockerfile.comments ? '# pip packages, installed by conda through environment.yml\n' : '';
  return textFile('requirements.txt', `${header}${r.requirementLines.join('\n')}\n`, 'plaintext');
}
