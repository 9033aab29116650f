import type { Design } from '@/lib/design/schema';

/** Something about one imported entry a person should know: where it was and what happened to it. */
export interface ImportWarning {
  /** The file the entry came from, when an import reads several files (a zip, several files at once). */
  file?: string;
  /** 1-based line of the entry in that file. */
  line?: number;
  message: string;
  /**
   * 'info': imported as written but worth knowing (a `sel(linux)` selector resolved, a file found inside the zip);
   * 'warning' (the default when absent): the entry was changed, dropped or could not be recovered.
   */
  severity?: 'info' | 'warning';
}

/** Result of an importer: the design with what could not be represented listed, or why nothing was imported. */
export type ImportResult =
  | { ok: true; design: Design; warnings: ImportWarning[]; /** What importFile read the file as. */ kind?: ImportKind }
  | { ok: false; error: string };

/** The kinds of file Condocker imports. */
export type ImportKind = 'environment.yml' | 'requirements.txt' | 'apt.txt' | 'design' | 'zip' | 'Dockerfile' | 'postBuild';

/** Other files of the same import (path → text), so that `-r requirements.txt` can be followed. */
export type CompanionFiles = Readonly<Record<string, string>>;

/** Options every text importer takes. */
export interface ImportOptions {
  /** Name used in messages, e.g. "environment.yml" or "project/environment.yml". */
  fileName?: string;
  /** Files imported together with this one; `-r` references to them are followed instead of reported. */
  companions?: CompanionFiles;
}
