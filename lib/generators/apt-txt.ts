import type { ResolvedDesign } from '@/lib/design/resolve';
import { textFile, type GeneratedFile } from './types';

/** Generates apt.txt (repo2docker's convention: one Debian package a line), or nothing without apt packages. */
export function generateAptTxt(r: ResolvedDesign): GeneratedFile | null {
  const { packages } = r.design.apt;
  if (packages.length === 0) return null;
  return textFile('apt.txt', `${packages.join('\n')}\n`, 'plaintext');
}
