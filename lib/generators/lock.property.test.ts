import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lockedPackageUrl } from '@/lib/design/lock';
import { designSchema } from '@/lib/design/schema';
import { parseExplicitLock } from '@/lib/solve/explicit-lock';
import { lockInputs, lockState } from '@/lib/solve/lock';
import { validLockedDesign } from '@/lib/testing/arbitraries';
import { dockerfileProblems } from '@/lib/testing/file-checks';
import { generateFiles } from './index';

// Any locked design: the schema round-trips it, a fresh lock's files read back to its packages (design → lock files →
// parse back), the Dockerfile stays valid, and a stale lock leaves no trace in the files.
describe('locked designs (property)', () => {
  it('round-trip through the schema and through their lock files', () => {
    fc.assert(
      fc.property(validLockedDesign(lockInputs), (design) => {
        expect(designSchema.parse(JSON.parse(JSON.stringify(design)))).toEqual(design);
        const files = generateFiles(design);
        const lock = design.lock!;
        const lockFiles = files.filter((file) => file.path.endsWith('.lock'));
        expect(dockerfileProblems(files.find((file) => file.path === 'Dockerfile')!.content)).toEqual([]);
        if (lockState(design).kind === 'stale') {
          expect(lockFiles).toEqual([]);
          const { lock: _stale, ...unlocked } = design;
          expect(files).toEqual(generateFiles(designSchema.parse(unlocked)));
          return;
        }
        expect(lockFiles.map((file) => file.path)).toEqual(Object.keys(lock.platforms).map((subdir) => `conda-${subdir}.lock`));
        for (const file of lockFiles) {
          const subdir = file.path.slice('conda-'.length, -'.lock'.length) as 'linux-64' | 'linux-aarch64';
          const parsed = parseExplicitLock(file.content);
          if (!parsed.ok) throw new Error(parsed.error);
          expect(parsed.entries.map((entry) => entry.url)).toEqual(lock.platforms[subdir]!.map((pkg) => lockedPackageUrl(lock, pkg)));
          expect(parsed.entries.map((entry) => entry.md5 ?? entry.sha256)).toEqual(lock.platforms[subdir]!.map((pkg) => (parsed.entries[0].md5 ? pkg.md5 : pkg.sha256)));
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 30) },
    );
  });
});
