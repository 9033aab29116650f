// A locked Condocker project brings its lock back through condocker-lock.json: the @EXPLICIT files carry one checksum
// and no size, so they alone cannot restore the lock; requirements.txt carries the lock's pip pins, which are undone
// here so that the design gets its own pip lines back.
import { resolveDesign } from '@/lib/design/resolve';
import { lockSchema } from '@/lib/design/lock-schema';
import { designSchema, type Design } from '@/lib/design/schema';
import { LOCK_JSON_PATH } from '@/lib/generators/conda-lock';
import { generateRequirementsTxt } from '@/lib/generators/requirements-txt';
import type { ImportWarning } from './types';

/** The lock files a locked project has; the import reads them only through condocker-lock.json. */
export const LOCK_PATHS = ['conda-linux-64.lock', 'conda-linux-aarch64.lock', LOCK_JSON_PATH] as const;

const RELOCK = 'Run Check, then Lock, to lock the design again.';

/**
 * The imported design with the project's lock from condocker-lock.json, or the design unchanged with a warning
 * saying why the lock was not restored (missing, damaged, or not matching requirements.txt's pins).
 * @example applyImportedLock(design, new Map([['condocker-lock.json', text]]), warnings).lock // the lock
 */
export function applyImportedLock(design: Design, byPath: ReadonlyMap<string, string>, warnings: ImportWarning[]): Design {
  const text = byPath.get(LOCK_JSON_PATH);
  if (text === undefined) {
    const lockFiles = LOCK_PATHS.filter((path) => byPath.has(path));
    if (lockFiles.length > 0)
      warnings.push({
        file: lockFiles[0],
        message: `${lockFiles.join(' and ')} came without ${LOCK_JSON_PATH}, which holds the lock's checksums and sizes, so the design is imported without its lock. ${RELOCK}`,
      });
    return design;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    warnings.push({ file: LOCK_JSON_PATH, message: `${LOCK_JSON_PATH} is not valid JSON (${error instanceof Error ? error.message : String(error)}); the design is imported without its lock. ${RELOCK}` });
    return design;
  }
  const lock = lockSchema.safeParse(json);
  if (!lock.success) {
    const issue = lock.error.issues[0];
    warnings.push({ file: LOCK_JSON_PATH, message: `${LOCK_JSON_PATH}: ${issue.path.join('.')}: ${issue.message} The design is imported without its lock. ${RELOCK}` });
    return design;
  }
  // A locked Dockerfile installs without solving, so it has no CONDA_OVERRIDE_CUDA to read the CUDA version from:
  // the lock's virtual packages have it.
  const cuda = lock.data.inputs.virtualPackages.find((pkg) => pkg.startsWith('__cuda='))?.split('=')[1];
  if (design.gpu.enabled && cuda) design = { ...design, gpu: { ...design.gpu, cudaVersion: cuda } };
  // requirements.txt holds the lock's pins (`rich==13.9.4`); the design's own lines are the lock's inputs when the
  // file is exactly what those lines pinned by this lock give.
  const withOwnPipLines = designSchema.safeParse({ ...design, pip: { ...design.pip, packages: lock.data.inputs.pip }, lock: lock.data });
  if (withOwnPipLines.success) {
    const pinned = generateRequirementsTxt(resolveDesign(withOwnPipLines.data))?.content;
    if (pinned === byPath.get('requirements.txt')?.replace(/\r\n?/g, '\n')) return withOwnPipLines.data;
  }
  const asImported = designSchema.safeParse({ ...design, lock: lock.data });
  if (!asImported.success) {
    warnings.push({ file: LOCK_JSON_PATH, message: `${LOCK_JSON_PATH} does not fit the imported design (${asImported.error.issues[0].message}); the design is imported without its lock. ${RELOCK}` });
    return design;
  }
  warnings.push({ file: 'requirements.txt', message: `requirements.txt is not what the lock in ${LOCK_JSON_PATH} pins, so its lines are kept as they are and the lock no longer matches the design. ${RELOCK}` });
  return asImported.data;
}
