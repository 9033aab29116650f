/** How bad a finding is: error = the build or the container will fail; warning = it will hurt; info = a hint. */
export type Severity = 'error' | 'warning' | 'info';

/** One change to a design: set the value at a path (e.g. ["base", "image"]). */
export interface DesignChange {
  path: Array<string | number>;
  value: unknown;
}

/** A fix, as changes to the design that the page, the CLI and the API can apply. */
export interface Fix {
  /** What the button says, e.g. "Use ubuntu:24.04". */
  label: string;
  changes: DesignChange[];
}

/** One thing lint found. */
export interface Finding {
  /** Stable rule ID: "CD…" for Condocker's design rules, hadolint's "DL…" for Dockerfile rules. */
  rule: string;
  severity: Severity;
  /** One sentence. */
  message: string;
  /** Why it matters, in a sentence or two. */
  why: string;
  /** The primary source that explains it. */
  source: { title: string; url: string };
  /** The generated file and 1-based line it concerns, when it concerns one. */
  file?: string;
  line?: number;
  /** The design field it concerns, as a dotted path ("user.uid", "conda.packages.2"). */
  field?: string;
  fix?: Fix;
}
