'use client';
// Import: drop or pick a file, or paste text. lib/import does the reading (loaded only when used); this dialog
// checks the size before reading, shows what would be imported and every line that was not, and changes the
// design only when the person confirms. A failure leaves the design as it was. What a file replaces (all of the
// design, or only its part: requirements.txt → pip packages) is lib/import's rule; the summary lists what changes.
import { useState, type DragEvent } from 'react';
import type { Design } from '@/lib/design/schema';
import { PASTE_KINDS, guessPasteKind, importSizeError, isZipFile, summarizeChanges, type PasteKind } from '@/lib/ui/import-source';
import { AlertIcon, ImportIcon } from '../icons';
import { Modal } from './modal';

/** A successful import, as the page applies it. */
export interface ImportedDesign {
  design: Design;
  source: string;
  warnings: string[];
}

type State =
  | { status: 'idle' }
  | { status: 'reading'; source: string }
  | { status: 'error'; source: string; error: string }
  | { status: 'ready'; source: string; design: Design; summary: string[]; warnings: string[]; notes: string[] };

interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  /** The design being edited: a requirements.txt replaces its pip packages and keeps the rest. */
  getBase: () => Design;
  onApply: (imported: ImportedDesign) => void;
}

/** The Import dialog. */
export function ImportDialog({ open, onClose, getBase, onApply }: ImportDialogProps) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'auto' | PasteKind>('auto');
  const [dragging, setDragging] = useState(false);

  const close = () => {
    setState({ status: 'idle' });
    setText('');
    setKind('auto');
    onClose();
  };

  const run = async (files: ReadonlyArray<{ name: string; content: string | Uint8Array }>) => {
    const source = files.map((file) => file.name).join(', ');
    setState({ status: 'reading', source });
    try {
      const base = getBase();
      const { importFile, importFiles, formatImportWarning } = await import('@/lib/import');
      const outcome = files.length === 1 ? await importFile(files[0].name, files[0].content, base) : await importFiles(files, base);
      if (!outcome.ok) setState({ status: 'error', source, error: outcome.error });
      else
        setState({
          status: 'ready',
          source,
          design: outcome.design,
          summary: summarizeChanges(base, outcome.design),
          warnings: outcome.warnings.filter((warning) => warning.severity !== 'info').map(formatImportWarning),
          notes: outcome.warnings.filter((warning) => warning.severity === 'info').map(formatImportWarning),
        });
    } catch (error) {
      setState({ status: 'error', source, error: `Could not read ${source} (${error instanceof Error ? error.message : String(error)}).` });
    }
  };

  /** Reads picked or dropped files (sizes checked before anything is read) and imports them together. */
  const readFiles = async (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (files.length === 0) return;
    const source = files.map((file) => file.name).join(', ');
    const tooBig = files.map((file) => importSizeError(file.name, file.size)).find(Boolean);
    if (tooBig) return setState({ status: 'error', source, error: tooBig });
    try {
      const contents = await Promise.all(
        files.map(async (file) => ({
          name: file.name,
          content: isZipFile(file.name, file.type) ? new Uint8Array(await file.arrayBuffer()) : await file.text(),
        })),
      );
      await run(contents);
    } catch (error) {
      setState({ status: 'error', source, error: `Could not read ${source} (${error instanceof Error ? error.message : String(error)}).` });
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void readFiles(event.dataTransfer.files);
  };

  const guessed = guessPasteKind(text);
  const pasteName = kind === 'auto' ? guessed : kind;
  const guessedLabel = PASTE_KINDS.find((option) => option.value === guessed)?.label ?? guessed;

  return (
    <Modal
      open={open}
      onClose={close}
      title="Import"
      testId="import-dialog"
      wide
      footer={
        <>
          <button type="button" className="button ghost" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button primary"
            disabled={state.status !== 'ready'}
            onClick={() => {
              if (state.status !== 'ready') return;
              onApply({ design: state.design, source: state.source, warnings: state.warnings });
              close();
            }}
          >
            Apply
          </button>
        </>
      }
    >
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <ImportIcon width={22} height={22} />
        <p>
          Drop a file here or{' '}
          <label className="file-picker">
            <input
              type="file"
              multiple
              className="visually-hidden"
              data-testid="import-file"
              onChange={(event) => {
                const files = event.currentTarget.files;
                void readFiles(files).finally(() => {
                  event.target.value = '';
                });
              }}
            />
            <span>choose a file</span>
          </label>
        </p>
        <p className="hint">
          environment.yml, requirements.txt, apt.txt, a Condocker design (JSON or YAML), a Dockerfile or postBuild, or a zip made by Condocker; up to 5 MB. Several files
          together are read as one project.
        </p>
      </div>

      <div className="or-divider">
        <span>or paste text</span>
      </div>
      <label htmlFor="import-text">Text to import</label>
      <textarea
        id="import-text"
        className="mono"
        rows={7}
        value={text}
        spellCheck={false}
        placeholder={'name: my-env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.12\n  - numpy'}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="import-paste-row">
        <div className="field">
          <label htmlFor="import-kind">The text is</label>
          <select id="import-kind" value={kind} onChange={(event) => setKind(event.target.value as 'auto' | PasteKind)}>
            <option value="auto">Detect{text.trim() ? ` (looks like ${guessedLabel})` : ''}</option>
            {PASTE_KINDS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" disabled={text.trim() === '' || state.status === 'reading'} onClick={() => void run([{ name: pasteName, content: text }])}>
          Read text
        </button>
      </div>

      <div className="import-result" data-testid="import-result" aria-live="polite">
        {state.status === 'reading' && <p className="hint">Reading {state.source}…</p>}
        {state.status === 'error' && (
          <div className="import-error" data-testid="import-error">
            <AlertIcon />
            <div>
              <p>{state.error}</p>
              <p className="hint">Your design has not changed.</p>
            </div>
          </div>
        )}
        {state.status === 'ready' && (
          <div className="import-ready">
            <h3>From {state.source}</h3>
            {state.summary.length > 0 ? (
              <ul className="import-summary" data-testid="import-summary">
                {state.summary.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="hint">This changes nothing in your design.</p>
            )}
            {state.warnings.length > 0 && (
              <>
                <h4>
                  Changed or not imported <span className="badge warning">{state.warnings.length}</span>
                </h4>
                <ul className="import-warnings" data-testid="import-warnings">
                  {state.warnings.map((warning, index) => (
                    <li key={index}>{warning}</li>
                  ))}
                </ul>
              </>
            )}
            {state.notes.length > 0 && (
              <>
                <h4>Notes</h4>
                <ul className="import-notes" data-testid="import-notes">
                  {state.notes.map((note, index) => (
                    <li key={index}>{note}</li>
                  ))}
                </ul>
              </>
            )}
            <p className="hint">“Apply” loads this into the form; Undo brings the current design back.</p>
          </div>
        )}
      </div>
    </Modal>
  );
}
