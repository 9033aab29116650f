// The messages between the page and the suggestions worker (suggest.worker.ts). Only plain, cloneable data crosses.
import type { NameMatch } from '@/lib/suggest/name-search';
import type { PackageVersions, PypiLookup } from '@/lib/suggest/sources';
import type { CheckMirrors } from '../check/check-protocol';

/** What the name lists are made of: the design's channels and subdirs, and where to fetch them. */
export interface NameSource {
  channels: string[];
  subdirs: string[];
  mirrors: CheckMirrors;
}

/** The state of the name lists, as the page shows it. */
export type IndexStatus =
  | { state: 'idle' }
  | { state: 'loading'; key: string }
  | {
      state: 'ready';
      key: string;
      names: number;
      /** Compressed bytes of the indexes as downloaded and cached. */
      bytes: number;
      /** When the oldest index in use was fetched (ms since 1970). */
      fetchedAt: number;
      /** Channels or subdirs that could not be read (the others still suggest). */
      problems: string[];
      /** Indexes from the cache are in use while fresh ones download. */
      refreshing: boolean;
    }
  | { state: 'error'; key: string; message: string };

/** Page → worker. */
export type SuggestRequest =
  | { type: 'load'; source: NameSource; refresh: boolean }
  | { type: 'search'; id: number; query: string; limit: number }
  | { type: 'versions'; id: number; name: string }
  | { type: 'pypi'; id: number; line: string; indexUrl: string | null };

/** Worker → page. */
export type SuggestMessage =
  | { type: 'status'; status: IndexStatus }
  | { type: 'matches'; id: number; query: string; matches: NameMatch[]; /** The search's own time (benchmarks). */ ms: number }
  | { type: 'versions'; id: number; versions: PackageVersions | null; error?: string }
  /** `project` undefined: the line names no project to look up (an option, a URL, an editable, a bad line). */
  | { type: 'pypi'; id: number; project?: string; lookup?: PypiLookup; condaName?: string };
