'use client';
// The Files side: a small file tree (root files, then one group per folder), the current file in Monaco, copy and
// save buttons, and a banner while the form has problems (the files then stay those of the last valid design).
import dynamic from 'next/dynamic';
import { useCallback, useState } from 'react';
import type { Design } from '@/lib/design/schema';
import { baseName, groupFilesByFolder } from '@/lib/ui/file-groups';
import { useDesignSnapshot } from '../design-state';
import { AlertIcon, CopyIcon, FileIcon, FolderIcon, SaveFileIcon } from '../icons';
import { saveBlob } from '../save-blob';
import type { Finding } from '@/lib/lint/types';
import { FindingsPanel } from './findings-panel';
import { useSessionValue, type SessionStore } from '../session-store';

// Without the editor's code (offline, or Condocker redeployed since the page opened) the file stays as plain text
// and says why, instead of the failed import taking the whole page down.
const MonacoView = dynamic(() => import('./monaco-view').catch(() => EditorUnavailable), { ssr: false });

function EditorUnavailable() {
  return (
    <p className="editor-unavailable" role="status" data-testid="editor-unavailable">
      The editor could not be loaded, so the file is shown as plain text. Reload the page to try again.
    </p>
  );
}

interface PreviewPaneProps {
  dark: boolean;
  /** Its epoch changes whenever a whole design is loaded: the "changed" marks start again from what is shown then. */
  session: SessionStore;
  onShowProblem: () => void;
  onGoToField: (field: string) => void;
  /** On narrow screens, switches from the Findings tab to the Files tab. */
  onShowFiles: () => void;
  onApplyDesign: (design: Design, what: string, details?: string[]) => void;
  notify: (kind: 'success' | 'error' | 'info', title: string) => void;
}

function contentsByPath(files: ReadonlyArray<{ path: string; content: string }>): Record<string, string> {
  return Object.fromEntries(files.map((file) => [file.path, file.content]));
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The generated files, live. */
export function PreviewPane({ dark, session, onShowProblem, onGoToField, onShowFiles, onApplyDesign, notify }: PreviewPaneProps) {
  const { files, stale, errors } = useDesignSnapshot();
  const epoch = useSessionValue(session, 'epoch');
  const [selected, setSelected] = useState('Dockerfile');
  const current = files.find((file) => file.path === selected) ?? files[0];
  const path = current?.path ?? '';
  const [editorReady, setEditorReady] = useState(false);
  const onReady = useCallback(() => setEditorReady(true), []);
  // A request to show a line (from a finding); the nonce makes the same line requestable twice.
  const [reveal, setReveal] = useState<{ path: string; line: number; nonce: number } | null>(null);
  const [findings, setFindings] = useState<readonly Finding[]>([]);

  // What each file looked like when it was last shown; a file whose content differs is marked as changed.
  const [seen, setSeen] = useState<Record<string, string>>(() => contentsByPath(files));
  const [seenEpoch, setSeenEpoch] = useState(epoch);
  if (seenEpoch !== epoch) {
    setSeenEpoch(epoch);
    setSeen(contentsByPath(files));
  }

  const select = (next: string) => {
    if (next === path) return;
    const nextFile = files.find((file) => file.path === next);
    setSeen((previous) => ({ ...previous, [path]: current?.content ?? '', [next]: nextFile?.content ?? '' }));
    setSelected(next);
  };

  const goToLine = (file: string, line: number) => {
    if (!files.some((candidate) => candidate.path === file)) return;
    select(file);
    onShowFiles();
    setReveal((previous) => ({ path: file, line, nonce: (previous?.nonce ?? 0) + 1 }));
  };

  const copy = async () => {
    if (!current) return;
    try {
      await navigator.clipboard.writeText(current.content);
      notify('success', `Copied ${current.path} to the clipboard.`);
    } catch {
      notify('error', `Could not copy ${current.path}: the browser did not allow it. Select the text in the preview and copy it.`);
    }
  };

  const save = () => {
    if (!current) return;
    // octet-stream: with text/plain, Chromium would save "Dockerfile" as "Dockerfile.txt".
    saveBlob(new Blob([current.content], { type: 'application/octet-stream' }), baseName(current.path));
  };

  const groups = groupFilesByFolder(files);
  const errorCount = Object.keys(errors).length;
  const lines = current ? current.content.split('\n').length - (current.content.endsWith('\n') ? 1 : 0) : 0;

  return (
    <div className="preview" data-testid="preview" data-path={path} data-stale={stale ? 'true' : 'false'} data-editor-ready={editorReady ? 'true' : 'false'}>
      <nav className="file-tree" aria-label="Generated files">
        {groups.map((group) => (
          <div key={group.folder || '/'} className="file-group">
            {group.folder && (
              <div className="file-folder">
                <FolderIcon width={14} height={14} />
                <span>{group.folder}/</span>
              </div>
            )}
            <ul>
              {group.files.map((file) => {
                const isCurrent = file.path === path;
                const changed = !isCurrent && seen[file.path] !== file.content;
                return (
                  <li key={file.path}>
                    <button
                      type="button"
                      className={`file-tab${isCurrent ? ' current' : ''}${group.folder ? ' nested' : ''}`}
                      aria-current={isCurrent ? 'true' : undefined}
                      aria-describedby={changed ? 'file-changed-note' : undefined}
                      data-path={file.path}
                      data-changed={changed ? 'true' : undefined}
                      title={file.path}
                      onClick={() => select(file.path)}
                    >
                      <FileIcon width={14} height={14} />
                      <span className="file-name">{baseName(file.path)}</span>
                      {changed && <span className="changed-dot" aria-hidden="true" />}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
        <span id="file-changed-note" hidden>
          changed since you last looked
        </span>
      </nav>
      <div className="editor-area">
        <div className="editor-header">
          <div className="editor-title">
            <span className="mono editor-path">{path}</span>
            <span className="editor-meta">
              {lines} lines · {formatSize(new TextEncoder().encode(current?.content ?? '').length)}
              {current?.mode === 0o755 ? ' · executable' : ''}
            </span>
          </div>
          <div className="editor-actions">
            <button type="button" className="button ghost small" aria-label={`Copy ${path}`} title="Copy this file to the clipboard" onClick={copy}>
              <CopyIcon />
              <span>Copy</span>
            </button>
            <button type="button" className="button ghost small" aria-label={`Save ${path}`} title="Download this file only" onClick={save}>
              <SaveFileIcon />
              <span>Save</span>
            </button>
          </div>
        </div>
        {stale && (
          <div className="stale-banner" data-testid="preview-stale" role="status">
            <AlertIcon />
            <span>
              The form has {errorCount === 1 ? 'a problem' : `${errorCount} problems`}: these files are from the last valid design.
            </span>
            <button type="button" className="link-button" onClick={onShowProblem}>
              Show {errorCount === 1 ? 'it' : 'the first'}
            </button>
          </div>
        )}
        <div className={`editor-frame${editorReady ? ' ready' : ''}`}>
          {!editorReady && (
            <pre className="code-fallback mono" tabIndex={0} aria-label={`${path} (loading the editor)`}>
              {current?.content}
            </pre>
          )}
          <MonacoView files={files} path={path} dark={dark} onReady={onReady} reveal={reveal} findings={findings} />
        </div>
        <FindingsPanel onGoToLine={goToLine} onGoToField={onGoToField} onApply={onApplyDesign} onError={(message) => notify('error', message)} onFindings={setFindings} />
        <pre data-testid="file-content" data-path={path} hidden>
          {current?.content}
        </pre>
      </div>
    </div>
  );
}
