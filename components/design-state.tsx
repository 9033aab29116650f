'use client';
// Turns the form's values into what the page shows: one safeParse + generateFiles per change (memoised), the
// schema's messages per field, and the last valid files, so the preview never shows a file made from an invalid
// design. Sections read the errors from context; only the preview reads the files. Until the engine (zod and the
// generators) has loaded, the page shows the default design's files that the server generated.
import { createContext, useContext, useLayoutEffect, useMemo, useState, type ReactNode, type RefObject } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { Design } from '@/lib/design/schema';
import type { GeneratedFile } from '@/lib/generators/types';
import { errorMapFromIssues, sameErrors, type ErrorMap } from '@/lib/ui/form-errors';
import { useCatalog } from './catalog';
import type { Engine } from './engine';
import type { DesignFormValues } from './form-types';
import { useEngine } from './use-engine';

/** The design and files the preview, the download and the share link use: always from a valid design. */
export interface Generation {
  design: Design;
  files: GeneratedFile[];
}

/** What the preview shows: the last valid generation and whether the form currently has problems. */
export interface DesignSnapshot extends Generation {
  /** The form has problems; `design`/`files` are from the last valid state. */
  stale: boolean;
  errors: ErrorMap;
}

type Outcome = { ok: true; generation: Generation; errors: ErrorMap } | { ok: false; errors: ErrorMap };

const NO_ERRORS: ErrorMap = {};

function evaluate(engine: Engine, values: unknown): Outcome {
  try {
    const parsed = engine.designSchema.safeParse(values);
    if (!parsed.success) return { ok: false, errors: errorMapFromIssues(parsed.error.issues) };
    return { ok: true, generation: { design: parsed.data, files: engine.generateFiles(parsed.data) }, errors: NO_ERRORS };
  } catch (error) {
    // A generator bug must not take the page down: keep the last files and say so where errors are listed.
    return { ok: false, errors: { '': `The files could not be generated (${error instanceof Error ? error.message : String(error)}).` } };
  }
}

const ErrorsContext = createContext<ErrorMap>(NO_ERRORS);
const SnapshotContext = createContext<DesignSnapshot | null>(null);

/** The schema's message for a field (dotted path), if it has one. */
export function useFieldError(path: string): string | undefined {
  return useContext(ErrorsContext)[path];
}

/** Every current error message, keyed by dotted path. */
export function useErrors(): ErrorMap {
  return useContext(ErrorsContext);
}

/** What the preview shows. */
export function useDesignSnapshot(): DesignSnapshot {
  const snapshot = useContext(SnapshotContext);
  if (!snapshot) throw new Error('useDesignSnapshot: no DesignStateProvider above this component.');
  return snapshot;
}

/**
 * Watches the whole form and provides errors and the snapshot. `latestRef` receives the snapshot after each
 * commit, for event handlers (download, share) that must not re-render on every keystroke.
 */
export function DesignStateProvider({
  control,
  latestRef,
  children,
}: {
  control: Control<DesignFormValues, unknown, Design>;
  latestRef: RefObject<DesignSnapshot | null>;
  children: ReactNode;
}) {
  const catalog = useCatalog();
  const engine = useEngine();
  const values = useWatch({ control });
  const outcome = useMemo(() => (engine ? evaluate(engine, values) : null), [engine, values]);

  // The last valid generation and a stable error map are remembered from earlier renders (React's
  // "storing information from previous renders" pattern), so nothing waits for an effect.
  const [lastValid, setLastValid] = useState<Generation>(() => ({ design: catalog.defaultDesign, files: catalog.defaultFiles }));
  if (outcome?.ok && outcome.generation !== lastValid) setLastValid(outcome.generation);
  const [errors, setErrors] = useState<ErrorMap>(NO_ERRORS);
  const nextErrors = outcome?.errors ?? NO_ERRORS;
  if (!sameErrors(errors, nextErrors)) setErrors(nextErrors);

  const shown = outcome?.ok ? outcome.generation : lastValid;
  const stale = outcome !== null && !outcome.ok;
  const snapshot = useMemo<DesignSnapshot>(() => ({ design: shown.design, files: shown.files, stale, errors }), [shown, stale, errors]);

  useLayoutEffect(() => {
    latestRef.current = snapshot;
  }, [latestRef, snapshot]);

  return (
    <ErrorsContext.Provider value={errors}>
      <SnapshotContext.Provider value={snapshot}>{children}</SnapshotContext.Provider>
    </ErrorsContext.Provider>
  );
}
