// Docker platforms and the conda subdirs they solve for, with no other import: the page's first load uses it
// (package suggestions) without pulling in the solver's modules.
import type { Design } from '@/lib/design/schema';

/** A conda subdir Condocker solves for. */
export type Subdir = 'linux-64' | 'linux-aarch64';

/** Docker platform → conda subdir. */
export const SUBDIR_OF_PLATFORM: Record<Design['base']['platforms'][number], Subdir> = {
  'linux/amd64': 'linux-64',
  'linux/arm64': 'linux-aarch64',
};
