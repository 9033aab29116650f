// A zip this tool produced → design. The zip holds the generated files, not the design, so the design is rebuilt
// from them by importProjectFiles, which also reports what the files say that a design cannot hold.
import type { Design } from '@/lib/design/schema';
import { readZip } from '@/lib/zip';
import { importProjectFiles } from './project';
import type { ImportResult, ImportWarning } from './types';

/**
 * Imports a zip downloaded from Condocker (or any zip of a project's files) within readZip's size limits.
 * Files that could not be read are reported; `base` is used only when the zip has no Dockerfile.
 * @example await importZip(await buildZip(generateFiles(design))) // { ok: true, design, warnings: [] }
 */
export async function importZip(bytes: Uint8Array, base?: Design, options: { fileName?: string } = {}): Promise<ImportResult> {
  const fileName = options.fileName ?? 'the zip';
  const read = await readZip(bytes);
  if (!read.ok) return { ok: false, error: `${fileName}: ${read.error}` };
  if (read.files.length === 0) return { ok: false, error: `${fileName} holds no text files to import.` };
  const skipped: ImportWarning[] = read.skipped.map(({ path, reason }) => ({ file: path, message: `Skipped ${path}: ${reason}.`, severity: 'info' }));
  const result = importProjectFiles(read.files, base);
  return result.ok ? { ...result, warnings: [...skipped, ...result.warnings] } : result;
}
