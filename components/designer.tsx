'use client';
// The designer page: one react-hook-form over the design schema, the sections, the live preview and the doors
// (download, share, import, presets). Session concerns — the saved draft, undo/redo, "unsaved changes" — live in
// refs and timers here, outside React state, so typing re-renders only what shows the change.
import dynamic from 'next/dynamic';
import { memo, startTransition, useEffect, useEffectEvent, useRef, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Design } from '@/lib/design/schema';
import { DRAFT_STORAGE_KEY, fingerprint, restoreDraft, serializeDraft } from '@/lib/ui/draft';
import { firstErrorPath } from '@/lib/ui/form-errors';
import { createHistory, recordStep, redoStep, undoStep, type History } from '@/lib/ui/history';
import { addressWithoutShareCode, shareCodeFromLocation } from '@/lib/ui/share-location';
import { shortcutFor, type ShortcutAction } from '@/lib/ui/shortcuts';
import { AppHeader } from './app-header';
import { CatalogProvider, type Catalog } from './catalog';
import type { Engine } from './engine';
import { DesignStateProvider, type DesignSnapshot } from './design-state';
import { ConfirmDialog } from './dialogs/confirm-dialog';
import { loadDialog } from './dialogs/unavailable-dialog';
import type { ImportedDesign } from './dialogs/import-dialog';
import { fieldIds } from './fields/field-ids';
import type { DesignFormValues } from './form-types';
import { createNoticeStore, NoticeList } from './notices';
import { PreviewPane } from './preview/preview-pane';
import { saveBlob } from './save-blob';
import { createSessionStore } from './session-store';
import { AdvancedSection } from './sections/advanced-section';
import { AptSection } from './sections/apt-section';
import { BaseImageSection } from './sections/base-image-section';
import { CondaSection } from './sections/conda-section';
import { FilesSection } from './sections/files-section';
import { PipSection } from './sections/pip-section';
import { PostBuildSection } from './sections/post-build-section';
import { ProjectSection } from './sections/project-section';
import { RuntimeSection } from './sections/runtime-section';
import { UserSection } from './sections/user-section';
import { designResolver, loadedEngine, loadEngine } from './use-engine';
import { useIsApple, useTheme } from './use-theme';

// Dialogs other than the confirmation are opened on request: their code loads after the first paint.
// One that cannot be fetched says so (loadDialog) instead of taking the page down.
const ImportDialog = dynamic(loadDialog(() => import('./dialogs/import-dialog').then((m) => m.ImportDialog), 'Import'), { ssr: false });
const ShareDialog = dynamic(loadDialog(() => import('./dialogs/share-dialog').then((m) => m.ShareDialog), 'Share this design'), { ssr: false });
// The Check dialog's code (a few KB) loads once the page is idle, so the first press of Check opens it at once; the
// worker and the solver it starts load on that first press only.
const loadCheckDialog = () => import('./check/check-dialog');
const CheckDialog = dynamic(loadDialog(() => loadCheckDialog().then((m) => m.CheckDialog), 'Check against the channels'), { ssr: false });
const ShortcutsDialog = dynamic(loadDialog(() => import('./dialogs/shortcuts-dialog').then((m) => m.ShortcutsDialog), 'Keyboard shortcuts'), { ssr: false });

// Order of the sections on the page, to find "the first problem".
const FIELD_ORDER = ['project', 'base', 'conda', 'pip', 'apt', 'user', 'postBuild', 'runtime', 'gpu', 'files', 'dockerfile', 'paths', 'compat'];
// Arrays that are empty by default hold strings, except these rows.
const ITEM_SHAPES = { 'runtime.env': { name: '', value: '' } };
// A pause this long ends one undo step while typing.
const HISTORY_PAUSE_MS = 500;
const SAVE_DELAY_MS = 250;

type Confirmation = { title: string; message: string; confirmLabel: string; run: () => void };

/** Fingerprint of what the form holds, through the schema when valid so "1000" and 1000 compare equal. */
function fingerprintOf(values: DesignFormValues): string {
  const parsed = loadedEngine()?.designSchema.safeParse(values);
  return fingerprint(parsed?.success ? parsed.data : values);
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('.monaco-editor')) return true;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
}

/** Focuses the form control for a dotted path (or the closest one above it) and scrolls it into view. */
function focusField(path: string): void {
  const parts = path.split('.');
  while (parts.length > 0) {
    const key = parts.join('.');
    const element =
      document.getElementById(fieldIds(key).input) ??
      document.querySelector<HTMLElement>(`[name="${CSS.escape(key)}"]`) ??
      document.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"] :is(input, select, textarea)`);
    if (element) {
      const details = element.closest('details');
      if (details && !details.open) details.open = true;
      element.scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
      return;
    }
    parts.pop();
  }
}

/** The form with every section; memoised so dialogs and notices never re-render it. */
const DesignForm = memo(function DesignForm() {
  return (
    <form
      className="design-form"
      aria-label="Design"
      noValidate
      onSubmit={(event) => event.preventDefault()}
      // The benchmark measures from this mark to 'condocker:preview' (set when Monaco shows the new files).
      onInputCapture={() => performance.mark('condocker:input')}
    >
      <ProjectSection />
      <BaseImageSection />
      <CondaSection />
      <PipSection />
      <AptSection />
      <UserSection />
      <PostBuildSection />
      <RuntimeSection />
      <FilesSection />
      <AdvancedSection />
    </form>
  );
});

/** The whole designer; `catalog` comes from the server (app/page.tsx). */
export function Designer({ catalog }: { catalog: Catalog }) {
  const DEFAULT_DESIGN = catalog.defaultDesign;
  const DEFAULT_PRESET = catalog.presets[0]?.id ?? null;
  const form = useForm<DesignFormValues, unknown, Design>({
    // zodResolver(designSchema), through the engine chunk (components/engine.ts).
    resolver: designResolver,
    mode: 'onChange',
    defaultValues: DEFAULT_DESIGN,
  });
  const latestRef = useRef<DesignSnapshot | null>(null);
  const [notices] = useState(createNoticeStore);
  const { dark, toggle: toggleTheme } = useTheme();
  const isApple = useIsApple();

  const [view] = useState(() => createSessionStore({ presetId: DEFAULT_PRESET, epoch: 0, canUndo: false, canRedo: false }));
  const [pane, setPane] = useState<'design' | 'files' | 'findings'>('design');
  const [dialog, setDialog] = useState<'share' | 'import' | 'shortcuts' | 'check' | null>(null);
  // Each press of Check starts a check; 0: never pressed, the dialog's code is not loaded.
  const [checkRequest, setCheckRequest] = useState(0);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [share, setShare] = useState<{ url: string; copyState: 'copied' | 'failed' | 'idle' }>({ url: '', copyState: 'idle' });
  const [downloading, setDownloading] = useState(false);

  // Session state that must not re-render the page when it changes.
  const session = useRef({
    history: createHistory('') as History<string>,
    historyTimer: 0,
    saveTimer: 0,
    applying: false,
    baseline: '',
    presetId: DEFAULT_PRESET as string | null,
  });

  const updateFlags = () => {
    const s = session.current;
    const pending = s.historyTimer !== 0;
    view.set({ canUndo: s.history.past.length > 0 || pending, canRedo: s.history.future.length > 0 && !pending });
  };

  const saveNow = () => {
    const s = session.current;
    window.clearTimeout(s.saveTimer);
    s.saveTimer = 0;
    try {
      localStorage.setItem(DRAFT_STORAGE_KEY, serializeDraft({ values: form.getValues(), presetId: s.presetId, baseline: s.baseline }));
    } catch {
      // Storage full or disabled (private mode): the design still works, it just will not survive a reload.
    }
  };

  const flushHistory = () => {
    const s = session.current;
    if (s.historyTimer === 0) return;
    window.clearTimeout(s.historyTimer);
    s.historyTimer = 0;
    s.history = recordStep(s.history, JSON.stringify(form.getValues()));
    updateFlags();
  };

  /** Puts values into the form without recording an undo step. */
  const applyValues = (values: DesignFormValues) => {
    const s = session.current;
    s.applying = true;
    try {
      form.reset(values);
    } finally {
      s.applying = false;
    }
  };

  /** Replaces the whole design (preset, link, import, new): one undo step, a new baseline, saved at once. */
  const loadDesign = (design: DesignFormValues, nextPresetId: string | null) => {
    const s = session.current;
    flushHistory();
    applyValues(design);
    const values = form.getValues();
    s.history = recordStep(s.history, JSON.stringify(values));
    s.baseline = fingerprintOf(values);
    s.presetId = nextPresetId;
    view.set({ presetId: nextPresetId, epoch: view.get().epoch + 1 });
    updateFlags();
    saveNow();
  };

  const onValuesChanged = useEffectEvent(() => {
    const s = session.current;
    if (s.applying) return;
    const wasPending = s.historyTimer !== 0;
    window.clearTimeout(s.historyTimer);
    s.historyTimer = window.setTimeout(flushHistory, HISTORY_PAUSE_MS);
    if (!wasPending) updateFlags();
    window.clearTimeout(s.saveTimer);
    s.saveTimer = window.setTimeout(saveNow, SAVE_DELAY_MS);
  });

  useEffect(() => form.subscribe({ formState: { values: true }, callback: () => onValuesChanged() }), [form]);

  /** Opens a share link in the address, if there is one; the design is untouched when it cannot be read. */
  const openLink = (decodeDesign: Engine['decodeDesign'], hadDraft: boolean) => {
    const code = shareCodeFromLocation(window.location.hash, window.location.search);
    if (code !== null) {
      const result = decodeDesign(code);
      if (result.ok) {
        loadDesign(result.design, null);
        notices.push({ kind: 'success', title: 'Design loaded from link', details: result.warnings });
      } else {
        notices.push({
          kind: 'error',
          title: `This link could not be opened: ${result.error}`,
          details: [hadDraft ? 'Your saved design is unchanged.' : 'The design is unchanged.'],
        });
      }
      window.history.replaceState(window.history.state, '', addressWithoutShareCode(window.location.href));
    }
  };

  const restoreSession = useEffectEvent(() => {
    const s = session.current;
    const stored = restoreDraft(readStorage(DRAFT_STORAGE_KEY), DEFAULT_DESIGN as DesignFormValues, ITEM_SHAPES);
    if (stored.status === 'ok') {
      applyValues(stored.draft.values);
      s.presetId = stored.draft.presetId;
      s.baseline = stored.draft.baseline;
      view.set({ presetId: stored.draft.presetId, epoch: view.get().epoch + 1 });
    } else if (stored.status === 'ignored') {
      notices.push({ kind: 'warning', title: `Your saved design could not be restored (${stored.reason}); this is the default design.` });
    }
    s.history = createHistory(JSON.stringify(form.getValues()));
    updateFlags();
    void loadEngine().then(
      (engine) => {
        if (!s.baseline) s.baseline = fingerprintOf(form.getValues());
        openLink(engine.decodeDesign, stored.status === 'ok');
      },
      () => notices.push({ kind: 'error', title: 'Part of the page could not be loaded; check the connection and reload.' }),
    );
  });


  useEffect(() => {
    // A failed preload is harmless: the first press of Check tries again, and says so if that fails too.
    const preload = () => void loadCheckDialog().catch(() => undefined);
    if (typeof requestIdleCallback === 'function') {
      const idle = requestIdleCallback(preload, { timeout: 5_000 });
      return () => cancelIdleCallback(idle);
    }
    // Safari has no requestIdleCallback: a moment after the page loads does the same there.
    const timer = setTimeout(preload, 2_000);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    restoreSession();
    const onPageHide = () => saveNow();
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
    // saveNow only reads refs and the form: registering it once is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const undo = () => {
    flushHistory();
    const s = session.current;
    const previous = undoStep(s.history);
    if (previous === s.history) return;
    s.history = previous;
    applyValues(JSON.parse(previous.present) as DesignFormValues);
    updateFlags();
    saveNow();
  };

  const redo = () => {
    flushHistory();
    const s = session.current;
    const next = redoStep(s.history);
    if (next === s.history) return;
    s.history = next;
    applyValues(JSON.parse(next.present) as DesignFormValues);
    updateFlags();
    saveNow();
  };

  const confirmIfChanged = (confirm: Confirmation) => {
    if (fingerprintOf(form.getValues()) === session.current.baseline) confirm.run();
    else setConfirmation(confirm);
  };

  const pickPreset = (id: string) => {
    const preset = catalog.presets.find((candidate) => candidate.id === id);
    if (!preset) return;
    confirmIfChanged({
      title: `Load “${preset.label}”?`,
      message: 'The preset replaces the whole design, including the changes you made. Undo brings them back.',
      confirmLabel: 'Load preset',
      run: () => {
        loadDesign(preset.design, preset.id);
        notices.push({ kind: 'info', title: `Loaded the preset “${preset.label}”.`, timeout: 4000 });
      },
    });
  };

  const newDesign = () =>
    confirmIfChanged({
      title: 'Start a new design?',
      message: 'The recommended design replaces the current one, including the changes you made. Undo brings them back.',
      confirmLabel: 'New design',
      run: () => loadDesign(DEFAULT_DESIGN, DEFAULT_PRESET),
    });

  const download = async () => {
    const snapshot = latestRef.current;
    if (!snapshot || downloading) return;
    setDownloading(true);
    try {
      const { buildZip, zipFileName } = await import('@/lib/zip');
      const bytes = await buildZip(snapshot.files);
      const name = zipFileName(snapshot.design);
      saveBlob(new Blob([bytes.slice()], { type: 'application/zip' }), name);
      notices.push(
        snapshot.stale
          ? { kind: 'warning', title: `Downloaded ${name} from the last valid design: the form has problems.`, timeout: 6000 }
          : { kind: 'success', title: `Downloaded ${name}.`, timeout: 4000 },
      );
    } catch (error) {
      notices.push({ kind: 'error', title: `The zip could not be made (${error instanceof Error ? error.message : String(error)}).` });
    } finally {
      setDownloading(false);
    }
  };

  const copyShareLink = async (url: string): Promise<boolean> => {
    try {
      await navigator.clipboard.writeText(url);
      setShare({ url, copyState: 'copied' });
      return true;
    } catch {
      setShare({ url, copyState: 'failed' });
      return false;
    }
  };

  const openShare = async () => {
    const snapshot = latestRef.current;
    if (!snapshot) return;
    const url = (await loadEngine()).shareUrl(window.location.origin, snapshot.design);
    setShare({ url, copyState: 'idle' });
    setDialog('share');
    void copyShareLink(url);
  };

  const shareByShortcut = async () => {
    const snapshot = latestRef.current;
    if (!snapshot) return;
    const url = (await loadEngine()).shareUrl(window.location.origin, snapshot.design);
    if (await copyShareLink(url)) notices.push({ kind: 'success', title: 'Share link copied to the clipboard.', timeout: 4000 });
    else setDialog('share');
  };

  const applyImport = ({ design, source, warnings }: ImportedDesign) => {
    loadDesign(design, null);
    notices.push({
      kind: warnings.length > 0 ? 'warning' : 'success',
      title: warnings.length > 0 ? `Imported ${source}; ${warnings.length} line${warnings.length === 1 ? ' was' : 's were'} not imported.` : `Imported ${source}.`,
      details: warnings,
      timeout: warnings.length > 0 ? undefined : 5000,
    });
  };

  /** A change made for the person (a lint fix): one undo step, the preset and baseline kept. */
  const applyEdit = (design: Design, what: string, details?: string[]) => {
    flushHistory();
    applyValues(design);
    session.current.history = recordStep(session.current.history, JSON.stringify(form.getValues()));
    updateFlags();
    saveNow();
    notices.push({ kind: 'success', title: `${what} Undo reverts it.`, details, timeout: details ? 8000 : 5000 });
  };

  const showField = (path: string) => {
    setPane('design');
    requestAnimationFrame(() => focusField(path));
  };

  const startCheck = () => {
    setDialog('check');
    // A transition: the dialog's first render is sliced, so pressing Check never blocks the page.
    startTransition(() => setCheckRequest((count) => count + 1));
  };

  const showFirstProblem = () => {
    const path = firstErrorPath(latestRef.current?.errors ?? {}, FIELD_ORDER);
    if (path === undefined) return;
    setPane('design');
    requestAnimationFrame(() => focusField(path));
  };

  const runShortcut = useEffectEvent((action: ShortcutAction) => {
    if (action === 'download') void download();
    else if (action === 'share') void shareByShortcut();
    else if (action === 'undo') undo();
    else if (action === 'redo') redo();
    else setDialog('shortcuts');
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const action = shortcutFor(event, isApple, isTextEntry(event.target));
      if (!action) return;
      event.preventDefault();
      runShortcut(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [isApple]);

  const modKey = isApple ? '⌘' : 'Ctrl';

  return (
    <CatalogProvider value={catalog}>
      <FormProvider {...form}>
        <DesignStateProvider control={form.control} latestRef={latestRef}>
          <div className="app">
            <AppHeader
              session={view}
              onPreset={pickPreset}
              onNew={newDesign}
              onUndo={undo}
              onRedo={redo}
              onImport={() => setDialog('import')}
              onShare={() => void openShare()}
              onDownload={() => void download()}
              onCheck={startCheck}
              downloading={downloading}
              dark={dark}
              onToggleTheme={toggleTheme}
              onShortcuts={() => setDialog('shortcuts')}
              modKey={modKey}
            />
            <NoticeList store={notices} />
            <div className="view-tabs" role="tablist" aria-label="View">
              {(['design', 'files', 'findings'] as const).map((id) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  id={`${id}-tab`}
                  aria-selected={pane === id}
                  aria-controls={id === 'design' ? 'design-pane' : 'files-pane'}
                  className="view-tab"
                  onClick={() => setPane(id)}
                >
                  {{ design: 'Design', files: 'Files', findings: 'Findings' }[id]}
                </button>
              ))}
            </div>
            <main className="workspace" data-pane={pane}>
              <div className="design-pane" id="design-pane" role="tabpanel" aria-labelledby="design-tab">
                <DesignForm />
              </div>
              <div className="files-pane" id="files-pane" role="tabpanel" aria-labelledby={pane === 'findings' ? 'findings-tab' : 'files-tab'}>
                <PreviewPane
                  dark={dark}
                  session={view}
                  onShowProblem={showFirstProblem}
                  onGoToField={showField}
                  onShowFiles={() => setPane('files')}
                  onApplyDesign={applyEdit}
                  notify={(kind, title) => notices.push({ kind, title, timeout: 4000 })}
                />
              </div>
            </main>
            <ShareDialog
              open={dialog === 'share'}
              url={share.url}
              copyState={share.copyState}
              onCopy={() => void copyShareLink(share.url)}
              onClose={() => setDialog(null)}
            />
            <ImportDialog
              open={dialog === 'import'}
              onClose={() => setDialog(null)}
              getBase={() => latestRef.current?.design ?? DEFAULT_DESIGN}
              onApply={applyImport}
            />
            {checkRequest > 0 && (
              <CheckDialog
                open={dialog === 'check'}
                request={checkRequest}
                onClose={() => setDialog(null)}
                onGoToField={showField}
                onLock={(design, what) => {
                  setDialog(null);
                  applyEdit(design, what);
                }}
              />
            )}
            <ShortcutsDialog open={dialog === 'shortcuts'} isApple={isApple} onClose={() => setDialog(null)} />
            <ConfirmDialog
              open={confirmation !== null}
              title={confirmation?.title ?? ''}
              message={confirmation?.message ?? ''}
              confirmLabel={confirmation?.confirmLabel ?? 'Replace'}
              onConfirm={() => {
                const run = confirmation?.run;
                setConfirmation(null);
                run?.();
              }}
              onCancel={() => setConfirmation(null)}
            />
          </div>
        </DesignStateProvider>
      </FormProvider>
    </CatalogProvider>
  );
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
