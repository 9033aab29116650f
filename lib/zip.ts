// Generated files → zip bytes and back. The zip is reproducible (fixed dates, the generators' order, fixed
// compression level) so the same design gives the same bytes in the browser, the API and the CLI, and it records
// Unix modes so `unzip` restores the executable bit of postBuild and the entrypoint.
import JSZip from 'jszip';
import type { Design } from '@/lib/design/schema';
import type { GeneratedFile } from '@/lib/generators/types';

/** The modification time of every entry: the earliest DOS date, as reproducible-builds tools use. */
export const ZIP_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/** Limits readZip enforces before and while decompressing. */
export const READ_ZIP_LIMITS = {
  /** Largest zip file accepted, in bytes. */
  maxZipBytes: 6 * 1024 * 1024,
  /** Most entries (files and folders). */
  maxEntries: 200,
  /** Most bytes of all files together once decompressed. */
  maxTotalBytes: 5 * 1024 * 1024,
} as const;

/** One file read back from a zip. */
export interface ZipEntry {
  /** Path inside the zip, with "/" separators, as stored (including any top folder). */
  path: string;
  /** UTF-8 text of the file. */
  content: string;
  /** 0o755 when the zip marks the file executable for anyone, else 0o644. */
  mode: GeneratedFile['mode'];
}

/** Result of readZip: the text files (and what was left out, with why), or a message a person can act on. */
export type ReadZipResult =
  | { ok: true; files: ZipEntry[]; skipped: Array<{ path: string; reason: string }> }
  | { ok: false; error: string };

// S_IFREG: Info-ZIP and libarchive read the file type from the high bits; without it some treat the entry oddly.
const REGULAR_FILE = 0o100000;

/**
 * Zips generated files: same files, same bytes; Unix modes kept; optionally all under one top folder.
 * @example await buildZip(generateFiles(design), { folder: design.project.name })
 */
export async function buildZip(files: readonly GeneratedFile[], options: { folder?: string } = {}): Promise<Uint8Array> {
  const { folder } = options;
  if (folder !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(folder))
    throw new TypeError(`buildZip: folder must be one plain path segment such as "data-science", got "${folder}".`);
  const zip = new JSZip();
  for (const file of files)
    zip.file(folder ? `${folder}/${file.path}` : file.path, file.content, {
      date: ZIP_DATE,
      unixPermissions: REGULAR_FILE | file.mode,
      // Implicit folder entries would be stamped with the current time, breaking reproducibility.
      createFolders: false,
    });
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'UNIX',
  });
}

/**
 * The download name of a design's zip.
 * @example zipFileName(DEFAULT_DESIGN) // 'data-science.zip'
 */
export function zipFileName(design: Design): string {
  return `${design.project.name}.zip`;
}

// jszip documents ZipObject#internalStream but its typings omit it; this is the part readZip uses.
interface JSZipStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): JSZipStream;
  on(event: 'error', listener: (error: unknown) => void): JSZipStream;
  on(event: 'end', listener: () => void): JSZipStream;
  pause(): JSZipStream;
  resume(): JSZipStream;
}

/**
 * Reads the text files of a zip for importers, within READ_ZIP_LIMITS; unsafe paths are an error, never thrown.
 * @example const result = await readZip(bytes); if (result.ok) result.files.find((f) => f.path.endsWith('environment.yml'))
 */
export async function readZip(bytes: Uint8Array): Promise<ReadZipResult> {
  const limits = READ_ZIP_LIMITS;
  if (bytes.length > limits.maxZipBytes)
    return { ok: false, error: `The zip is larger than ${formatMb(limits.maxZipBytes)}; Condocker reads zips up to that size.` };

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { createFolders: false });
  } catch (error) {
    return { ok: false, error: `This is not a zip file or it is damaged (${describeError(error)}).` };
  }

  const entries = Object.values(zip.files);
  if (entries.length > limits.maxEntries)
    return {
      ok: false,
      error: `The zip has ${entries.length} entries; Condocker reads at most ${limits.maxEntries}. Zip only the project's files.`,
    };

  const files: ZipEntry[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  let budget: number = limits.maxTotalBytes;
  for (const entry of entries) {
    // jszip resolves "../" in `name`; the original name is what other unzip tools would write.
    const path = entry.unsafeOriginalName ?? entry.name;
    const unsafe = unsafePathReason(path);
    if (unsafe) return { ok: false, error: `The zip contains an unsafe path "${path}": ${unsafe}.` };
    if (entry.dir) continue;
    if (/(?:^|\/)(?:__MACOSX\/|\.DS_Store$)/.test(path)) {
      skipped.push({ path, reason: 'macOS Finder metadata' });
      continue;
    }

    let data: Uint8Array | 'too-big';
    try {
      data = await readEntry(entry, budget);
    } catch (error) {
      return { ok: false, error: `The zip is damaged: "${path}" could not be decompressed (${describeError(error)}).` };
    }
    if (data === 'too-big')
      return {
        ok: false,
        error: `The zip's files add up to more than ${formatMb(limits.maxTotalBytes)} once decompressed; Condocker reads at most that.`,
      };
    budget -= data.length;

    let content: string;
    try {
      content = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      skipped.push({ path, reason: 'not UTF-8 text' });
      continue;
    }
    files.push({ path, content, mode: isExecutable(entry.unixPermissions) ? 0o755 : 0o644 });
  }
  return { ok: true, files, skipped };
}

/** Why a zip entry path could escape the folder it is extracted into, or undefined when it is safe. */
function unsafePathReason(path: string): string | undefined {
  if (path === '') return 'the name is empty';
  if (/[\u0000-\u001f]/.test(path)) return 'the name contains control characters';
  if (path.includes('\\')) return 'backslashes are not allowed in zip paths';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'absolute paths are not allowed';
  if (path.split('/').some((segment) => segment === '..')) return '".." segments are not allowed';
  return undefined;
}

function isExecutable(permissions: number | string | null): boolean {
  const bits = typeof permissions === 'string' ? parseInt(permissions, 8) : permissions;
  return typeof bits === 'number' && Number.isFinite(bits) && (bits & 0o111) !== 0;
}

/** Decompresses one entry, counting real output bytes (declared sizes can lie) and stopping past `budget`. */
function readEntry(entry: JSZip.JSZipObject, budget: number): Promise<Uint8Array | 'too-big'> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let settled = false;
    const stream = (entry as unknown as { internalStream(type: 'uint8array'): JSZipStream }).internalStream('uint8array');
    stream
      .on('data', (chunk) => {
        if (settled) return;
        size += chunk.length;
        if (size > budget) {
          settled = true;
          stream.pause();
          resolve('too-big');
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (error) => {
        if (settled) return;
        settled = true;
        reject(error);
      })
      .on('end', () => {
        if (settled) return;
        settled = true;
        const data = new Uint8Array(size);
        let offset = 0;
        for (const chunk of chunks) {
          data.set(chunk, offset);
          offset += chunk.length;
        }
        resolve(data);
      })
      .resume();
  });
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
