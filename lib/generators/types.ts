/** Monaco language ids of the generated files. */
export type FileLanguage = 'dockerfile' | 'yaml' | 'shell' | 'markdown' | 'json' | 'plaintext' | 'makefile' | 'ini';

/** One generated file: the shape the preview, the zip, the API and the tests share. */
export interface GeneratedFile {
  /** Path inside the project, with "/" separators, e.g. "docker/entrypoint.sh". */
  path: string;
  content: string;
  language: FileLanguage;
  /** Unix permission bits: 0o755 for scripts, 0o644 for the rest. */
  mode: 0o644 | 0o755;
}

/** A regular file. */
export function textFile(path: string, content: string, language: FileLanguage): GeneratedFile {
  return { path, content, language, mode: 0o644 };
}

/** An executable script. */
export function scriptFile(path: string, content: string): GeneratedFile {
  return { path, content, language: 'shell', mode: 0o755 };
}
