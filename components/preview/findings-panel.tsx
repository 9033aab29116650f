'use client';
// Findings: what lib/lint says about the design and its Dockerfile, under the preview. Each finding says why and
// cites its source; a click goes to its line or its field; a fix applies as one undoable change. Lint runs on
// the deferred snapshot, after the preview has been updated, so it never slows typing down.
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Design } from '@/lib/design/schema';
import type { Finding, Fix } from '@/lib/lint/types';
import { useDesignSnapshot } from '../design-state';
import { AlertIcon, ArrowDownIcon, ArrowUpIcon, InfoIcon, WandIcon, WarningIcon } from '../icons';
import { loadLint, useLint } from '../use-engine';

interface FindingsPanelProps {
  onGoToLine: (file: string, line: number) => void;
  onGoToField: (field: string) => void;
  /** Applies a new design as one undoable change; `what` says what changed, for the notice. */
  onApply: (design: Design, what: string, details?: string[]) => void;
  onError: (message: string) => void;
  /** Told the current findings, so the editor can mark their lines. */
  onFindings: (findings: readonly Finding[]) => void;
}

const ICONS = { error: AlertIcon, warning: WarningIcon, info: InfoIcon };

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

/** The findings list under the preview. */
export function FindingsPanel({ onGoToLine, onGoToField, onApply, onError, onFindings }: FindingsPanelProps) {
  const lint = useLint();
  const snapshot = useDesignSnapshot();
  const deferred = useDeferredValue(snapshot);
  const [open, setOpen] = useState(true);
  // Offline, or Condocker redeployed since the page opened: say so rather than "checking…" for ever.
  const [lintFailed, setLintFailed] = useState(false);

  useEffect(() => {
    // Lint is not needed for the first paint: load it when the browser is idle.
    const start = () => void loadLint().catch(() => setLintFailed(true));
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(start, { timeout: 2000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = setTimeout(start, 300);
    return () => clearTimeout(id);
  }, []);

  const findings = useMemo<Finding[] | null>(() => {
    if (!lint) return null;
    try {
      return lint.lintDesign(deferred.design, deferred.files);
    } catch {
      return [];
    }
  }, [lint, deferred.design, deferred.files]);
  useEffect(() => onFindings(findings ?? []), [findings, onFindings]);
  const counts = lint && findings ? lint.countFindings(findings) : null;
  const fixable = findings?.some((finding) => finding.fix && finding.severity !== 'info') ?? false;
  const disabled = snapshot.stale;

  const applyFix = (fix: Fix) => {
    if (!lint) return;
    const result = lint.applyFix(snapshot.design, fix);
    if (result.ok) onApply(result.design, `Applied “${fix.label}”.`);
    else onError(result.error);
  };

  const modernize = () => {
    if (!lint) return;
    const result = lint.modernize(snapshot.design);
    if (result.applied.length === 0) return;
    onApply(result.design, `Modernized: applied ${plural(result.applied.length, 'fix', 'fixes')}.`, result.applied.map((fix) => fix.label));
  };

  const summary = counts
    ? counts.error + counts.warning + counts.info === 0
      ? 'no findings'
      : [counts.error && plural(counts.error, 'error', 'errors'), counts.warning && plural(counts.warning, 'warning', 'warnings'), counts.info && plural(counts.info, 'hint', 'hints')]
          .filter(Boolean)
          .join(', ')
    : lintFailed
      ? 'could not be loaded; reload the page to check'
      : 'checking…';

  return (
    <section className="findings" aria-labelledby="findings-title" data-testid="findings" data-ready={findings ? 'true' : 'false'}>
      <div className="findings-header">
        <h2 id="findings-title" className="findings-title">
          <button type="button" className="findings-toggle" aria-expanded={open} aria-controls="findings-list" onClick={() => setOpen((value) => !value)}>
            {open ? <ArrowDownIcon /> : <ArrowUpIcon />}
            <span>Findings</span>
            <span className={`findings-summary${counts?.error ? ' has-errors' : ''}`} data-testid="findings-summary">
              {summary}
            </span>
          </button>
        </h2>
        {fixable && (
          <button type="button" className="button small" onClick={modernize} disabled={disabled} title="Apply every fix for errors, warnings and 2020 recipe choices; Undo reverts it">
            <WandIcon />
            <span>Modernize</span>
          </button>
        )}
      </div>
      {open && findings && findings.length > 0 && (
        <ul className="findings-list" id="findings-list">
          {disabled && <li className="findings-note">The form has problems: fixes apply once it is valid again.</li>}
          {findings.map((finding, index) => {
            const Icon = ICONS[finding.severity];
            return (
              <li key={`${finding.rule}-${finding.field ?? ''}-${finding.line ?? index}`} className={`finding ${finding.severity}`} data-rule={finding.rule}>
                <Icon className="finding-icon" />
                <div className="finding-body">
                  <p className="finding-message">
                    <span className="visually-hidden">{finding.severity === 'info' ? 'Hint' : finding.severity === 'error' ? 'Error' : 'Warning'}: </span>
                    {finding.message}
                  </p>
                  <p className="finding-why">
                    {finding.why}{' '}
                    <a href={finding.source.url} target="_blank" rel="noreferrer">
                      {finding.source.title}
                    </a>
                  </p>
                  <div className="finding-actions">
                    {finding.fix && (
                      <button type="button" className="button small" disabled={disabled} onClick={() => applyFix(finding.fix as Fix)}>
                        {finding.fix.label}
                      </button>
                    )}
                    {finding.file && finding.line !== undefined && (
                      <button type="button" className="link-button mono" onClick={() => onGoToLine(finding.file as string, finding.line as number)}>
                        {finding.file}:{finding.line}
                      </button>
                    )}
                    {finding.field && (
                      <button type="button" className="link-button" onClick={() => onGoToField(finding.field as string)}>
                        Show the field
                      </button>
                    )}
                    <span className="finding-rule mono">{finding.rule}</span>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
