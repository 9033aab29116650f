'use client';
import { useCatalog } from './catalog';
import { useSessionValue, type SessionStore } from './session-store';
import { CheckIcon, DownloadIcon, ImportIcon, KeyboardIcon, LogoIcon, MoonIcon, NewIcon, RedoIcon, ShareIcon, SunIcon, UndoIcon } from './icons';

interface AppHeaderProps {
  session: SessionStore;
  onPreset: (id: string) => void;
  onNew: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onImport: () => void;
  onShare: () => void;
  onDownload: () => void;
  /** Solves the design against the channels: the only action that uses the network. */
  onCheck: () => void;
  downloading: boolean;
  dark: boolean;
  onToggleTheme: () => void;
  onShortcuts: () => void;
  modKey: string;
}

/** The bar at the top: presets, history, Check / Import / Share / Download, theme and shortcuts. */
export function AppHeader(props: AppHeaderProps) {
  const { session, modKey } = props;
  const { presets } = useCatalog();
  const presetId = useSessionValue(session, 'presetId');
  const canUndo = useSessionValue(session, 'canUndo');
  const canRedo = useSessionValue(session, 'canRedo');
  return (
    <header className="app-header">
      <div className="brand">
        <LogoIcon />
        <div>
          <h1>Condocker</h1>
          <p className="tagline">conda · pip · Docker, designed in your browser</p>
        </div>
      </div>

      <div className="header-group presets">
        <label htmlFor="preset" className="visually-hidden">
          Preset
        </label>
        <select id="preset" className="preset-select" value={presetId ?? ''} onChange={(event) => props.onPreset(event.target.value)}>
          {presetId === null && (
            <option value="" disabled>
              Your design — start from a preset…
            </option>
          )}
          {presets.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
        </select>
        <button type="button" className="button ghost" onClick={props.onNew} title="Start again from the recommended design">
          <NewIcon />
          <span className="label-narrow-hidden">New design</span>
        </button>
      </div>

      <div className="header-group history" role="group" aria-label="History">
        <button type="button" className="icon-button bordered" aria-label="Undo" title={`Undo (${modKey}+Z)`} disabled={!canUndo} onClick={props.onUndo}>
          <UndoIcon />
        </button>
        <button type="button" className="icon-button bordered" aria-label="Redo" title={`Redo (${modKey}+Shift+Z)`} disabled={!canRedo} onClick={props.onRedo}>
          <RedoIcon />
        </button>
      </div>

      <div className="header-group check">
        <button type="button" className="button" onClick={props.onCheck} title="Solve the packages for each platform and look up the pip lines (uses the network)">
          <CheckIcon />
          <span>Check</span>
        </button>
      </div>

      <div className="header-group actions">
        <button type="button" className="button" onClick={props.onImport} title="Import environment.yml, requirements.txt, apt.txt, a design or a zip">
          <ImportIcon />
          <span>Import</span>
        </button>
        <button type="button" className="button" onClick={props.onShare} title={`Copy a link to this design (${modKey}+Shift+C)`}>
          <ShareIcon />
          <span>Share</span>
        </button>
        <button type="button" className="button primary" onClick={props.onDownload} disabled={props.downloading} title={`Download the project as a zip (${modKey}+Enter)`}>
          <DownloadIcon />
          <span>Download</span>
        </button>
      </div>

      <div className="header-group tools">
        <button type="button" className="icon-button bordered" aria-label="Dark mode" aria-pressed={props.dark} title="Dark mode" onClick={props.onToggleTheme}>
          {props.dark ? <SunIcon /> : <MoonIcon />}
        </button>
        <button type="button" className="icon-button bordered" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={props.onShortcuts}>
          <KeyboardIcon />
        </button>
      </div>
    </header>
  );
}
