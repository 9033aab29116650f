'use client';
// The read-only Monaco preview. Loaded with next/dynamic (never in the first load) from /monaco/vs, the copy of
// the local monaco-editor package (never a CDN). One model per file path: an update replaces only the span that
// changed (no flicker, scroll and selection kept), and switching files restores each file's own view state.
import { loader } from '@monaco-editor/react';
import type * as MonacoApi from 'monaco-editor';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FileLanguage, GeneratedFile } from '@/lib/generators/types';
import type { Finding } from '@/lib/lint/types';
import { changedSpan } from '@/lib/ui/text-diff';

loader.config({ paths: { vs: '/monaco/vs' } });

type Monaco = typeof MonacoApi;

// Monaco has no Makefile grammar; shell colours its comments, variables and strings well enough.
const MONACO_LANGUAGE: Record<FileLanguage, string> = {
  dockerfile: 'dockerfile',
  yaml: 'yaml',
  shell: 'shell',
  markdown: 'markdown',
  json: 'json',
  plaintext: 'plaintext',
  makefile: 'shell',
  ini: 'ini',
};

const HIGHLIGHT_MS = 1400;
// A change this large is a new design (a preset, an import), not an edit: no glow.
const MAX_HIGHLIGHT_LINES = 12;

export interface MonacoViewProps {
  files: readonly GeneratedFile[];
  path: string;
  dark: boolean;
  /** Called once the editor shows the current file, so the plain-text stand-in can go. */
  onReady: () => void;
  /** Show this line of this file (a new nonce asks again). */
  reveal?: { path: string; line: number; nonce: number } | null;
  /** Lint findings: each one with a file and line becomes a marker (underline, hover) and a gutter glyph. */
  findings?: readonly Finding[];
}

const MARKER_OWNER = 'condocker-lint';

// The editor's background matches the preview panel in both colour schemes.
function defineThemes(monaco: Monaco) {
  monaco.editor.defineTheme('condocker-light', {
    base: 'vs',
    inherit: true,
    rules: [],
    // Line numbers dark enough for WCAG AA contrast (4.5:1) on the white background.
    colors: { 'editor.background': '#ffffff', 'editorLineNumber.foreground': '#687382', 'editorLineNumber.activeForeground': '#17202b', 'editorGutter.background': '#ffffff' },
  });
  monaco.editor.defineTheme('condocker-dark', {
    base: 'vs-dark',
    inherit: true,
    // vs-dark's comment green (#608b4e) is below 4.5:1 on this background; the comments are the tutorial, keep them readable.
    rules: [{ token: 'comment', foreground: '86b873' }],
    colors: { 'editor.background': '#11161d', 'editorLineNumber.foreground': '#8592a1', 'editorLineNumber.activeForeground': '#e6ebf1', 'editorGutter.background': '#11161d' },
  });
}

const uriFor = (monaco: Monaco, path: string) => monaco.Uri.from({ scheme: 'condocker', path: `/${path}` });

export default function MonacoView({ files, path, dark, onReady, reveal, findings = [] }: MonacoViewProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [instance, setInstance] = useState<{ monaco: Monaco; editor: MonacoApi.editor.IStandaloneCodeEditor } | null>(null);
  const contents = useRef(new Map<string, string>());
  const viewStates = useRef(new Map<string, MonacoApi.editor.ICodeEditorViewState | null>());
  const shownPath = useRef<string | null>(null);
  const highlight = useRef<{ collection: MonacoApi.editor.IEditorDecorationsCollection; timer: number } | null>(null);
  const readyCalled = useRef(false);
  const gutter = useRef<MonacoApi.editor.IEditorDecorationsCollection | null>(null);
  const revealed = useRef(0);
  // The theme the editor is created with (later changes go through the effect below), so it never flashes light.
  const initialDark = useRef(dark);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let editor: MonacoApi.editor.IStandaloneCodeEditor | undefined;
    let loaded: Monaco | undefined;
    let cancelled = false;
    const models = contents.current;
    const init = loader.init();
    init
      .then((monaco) => {
        if (cancelled) return;
        loaded = monaco;
        defineThemes(monaco);
        const created = monaco.editor.create(host, {
          theme: initialDark.current ? 'condocker-dark' : 'condocker-light',
          readOnly: true,
          domReadOnly: true,
          readOnlyMessage: { value: 'The preview is generated from the form; edit the design on the left.' },
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
          fontSize: 13,
          lineHeight: 20,
          padding: { top: 12, bottom: 12 },
          renderLineHighlight: 'none',
          occurrencesHighlight: 'off',
          selectionHighlight: false,
          contextmenu: false,
          stickyScroll: { enabled: false },
          lineNumbersMinChars: 3,
          glyphMargin: true,
          folding: true,
          guides: { indentation: false },
          overviewRulerBorder: false,
          hideCursorInOverviewRuler: true,
          scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, alwaysConsumeMouseWheel: false },
          model: null,
        });
        editor = created;
        setInstance({ monaco, editor: created });
      })
      .catch((error: unknown) => {
        // Unmounting before Monaco loaded cancels the load; that is not an error.
        if ((error as { type?: string } | null)?.type !== 'cancelation') throw error;
      });
    return () => {
      cancelled = true;
      init.cancel();
      editor?.dispose();
      if (loaded) for (const modelPath of models.keys()) loaded.editor.getModel(uriFor(loaded, modelPath))?.dispose();
      models.clear();
    };
  }, []);

  // Files and the shown path are synchronised in one layout effect: the preview is updated in the same frame as
  // the form change, before the browser paints.
  useLayoutEffect(() => {
    if (!instance) return;
    const { monaco, editor } = instance;
    const wanted = new Set(files.map((file) => file.path));
    for (const [modelPath] of contents.current)
      if (!wanted.has(modelPath)) {
        monaco.editor.getModel(uriFor(monaco, modelPath))?.dispose();
        contents.current.delete(modelPath);
        viewStates.current.delete(modelPath);
      }

    let changedLines: { from: number; to: number } | null = null;
    for (const file of files) {
      const uri = uriFor(monaco, file.path);
      const language = MONACO_LANGUAGE[file.language] ?? 'plaintext';
      let model = monaco.editor.getModel(uri);
      if (!model) {
        model = monaco.editor.createModel(file.content, language, uri);
        contents.current.set(file.path, file.content);
        continue;
      }
      if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
      const before = contents.current.get(file.path) ?? model.getValue();
      if (before === file.content) continue;
      const change = changedSpan(before, file.content);
      if (!change || file.content.includes('\r') || before.includes('\r')) model.setValue(file.content);
      else {
        const start = model.getPositionAt(change.start);
        const end = model.getPositionAt(change.start + change.deleteCount);
        model.applyEdits([{ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: change.insert }]);
        if (file.path === path && shownPath.current === path) {
          const last = model.getPositionAt(change.start + change.insert.length).lineNumber;
          changedLines = { from: start.lineNumber, to: Math.max(start.lineNumber, last) };
        }
      }
      contents.current.set(file.path, file.content);
    }

    if (shownPath.current !== path) {
      if (shownPath.current !== null) viewStates.current.set(shownPath.current, editor.saveViewState());
      const model = monaco.editor.getModel(uriFor(monaco, path));
      if (model) {
        editor.setModel(model);
        const state = viewStates.current.get(path);
        if (state) editor.restoreViewState(state);
        shownPath.current = path;
      }
    }

    if (changedLines && changedLines.to - changedLines.from < MAX_HIGHLIGHT_LINES) {
      const { from, to } = changedLines;
      if (highlight.current) window.clearTimeout(highlight.current.timer);
      const collection = highlight.current?.collection ?? editor.createDecorationsCollection();
      collection.set([
        {
          range: new monaco.Range(from, 1, to, 1),
          options: {
            isWholeLine: true,
            className: 'monaco-changed-line',
            overviewRuler: { color: 'rgba(46, 160, 67, 0.8)', position: monaco.editor.OverviewRulerLane.Left },
          },
        },
      ]);
      highlight.current = { collection, timer: window.setTimeout(() => collection.clear(), HIGHLIGHT_MS) };
    }

    performance.mark('condocker:preview');
    if (!readyCalled.current && shownPath.current === path) {
      readyCalled.current = true;
      performance.mark('condocker:editor-ready');
      onReady();
    }
  }, [instance, files, path, onReady]);

  // Findings on their lines: markers give the underline, the hover and the overview ruler on every file;
  // the gutter glyphs are decorations of the file shown. Runs after the files effect above, so models exist.
  useLayoutEffect(() => {
    if (!instance) return;
    const { monaco, editor } = instance;
    const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info };
    for (const file of files) {
      const model = monaco.editor.getModel(uriFor(monaco, file.path));
      if (!model) continue;
      const markers = findings
        .filter((f) => f.file === file.path && f.line !== undefined && f.line <= model.getLineCount())
        .map((f) => ({
          severity: severity[f.severity],
          message: `${f.message}\n${f.why}`,
          source: 'Condocker',
          code: { value: f.rule, target: monaco.Uri.parse(f.source.url) },
          startLineNumber: f.line!,
          startColumn: model.getLineFirstNonWhitespaceColumn(f.line!) || 1,
          endLineNumber: f.line!,
          endColumn: model.getLineMaxColumn(f.line!),
        }));
      monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
    }
    const shown = editor.getModel();
    gutter.current ??= editor.createDecorationsCollection();
    gutter.current.set(
      findings
        .filter((f) => f.file === path && f.line !== undefined && shown && f.line <= shown.getLineCount())
        .map((f) => ({
          range: new monaco.Range(f.line!, 1, f.line!, 1),
          options: {
            glyphMarginClassName: `lint-glyph lint-glyph-${f.severity}`,
            glyphMarginHoverMessage: { value: `**${f.rule}** ${f.message}` },
          },
        })),
    );
  }, [instance, files, path, findings]);

  // A finding's line: shown in the middle, selected, and the editor focused so the keyboard can read on.
  useLayoutEffect(() => {
    if (!instance || !reveal || reveal.nonce === revealed.current || reveal.path !== path || shownPath.current !== path) return;
    revealed.current = reveal.nonce;
    const { monaco, editor } = instance;
    const model = editor.getModel();
    if (!model) return;
    const line = Math.min(Math.max(1, reveal.line), model.getLineCount());
    editor.setSelection(new monaco.Range(line, 1, line, model.getLineMaxColumn(line)));
    editor.revealLineInCenter(line);
    editor.focus();
  }, [instance, reveal, path]);

  useLayoutEffect(() => {
    instance?.monaco.editor.setTheme(dark ? 'condocker-dark' : 'condocker-light');
  }, [instance, dark]);

  useEffect(() => {
    instance?.editor.updateOptions({ ariaLabel: `${path}, generated file (read-only)` });
  }, [instance, path]);

  return <div ref={hostRef} className="monaco-host" data-testid="monaco" />;
}
