// The messages between the page and the check worker (check.worker.ts). Only plain, cloneable data crosses: the
// design in, progress and the JSON report out (no bigint, no wasm objects).
import type { Design } from '@/lib/design/schema';
import type { CheckReport } from '@/lib/solve/check';
import type { CheckProgress } from '@/lib/ui/check-progress';

/** Where the check fetches from: GET /api/mirrors (server-wide mirrors; the fixture servers in tests). */
export interface CheckMirrors {
  channelUrls: Record<string, string>;
  pypiUrl: string | null;
}

/** What the worker measured, in milliseconds. */
export interface CheckTimings {
  /** import('@conda-org/rattler') in this worker: 0 when it was already loaded by an earlier check. */
  solverLoadMs: number;
  solveMs: Record<string, number>;
  pypiMs?: number;
  totalMs: number;
}

/** Page → worker. */
export type CheckRequest = { type: 'check'; id: number; design: Design; mirrors: CheckMirrors };

/** Worker → page. */
export type CheckMessage =
  | { type: 'progress'; id: number; progress: CheckProgress }
  | { type: 'done'; id: number; report: CheckReport; timings: CheckTimings }
  | { type: 'error'; id: number; stage: 'solver' | 'check'; message: string };
