'use client';
// "Check": the design's conda specs solved per platform and its pip lines asked of the index, in a Web Worker
// (check-runner.ts). The dialog shows the steps while it runs (with Cancel), then per platform the packages and
// their download size or the conflict in words with the spec to blame as a link to its field, a searchable package
// table and the pip lines. "Lock" hands the result to the designer, which stores it as one undoable step. Nothing
// here changes the design.
import { startTransition, useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import type { Design } from '@/lib/design/schema';
import type { CheckReport } from '@/lib/solve/check';
import {
  applyProgress,
  canLock,
  channelLabel,
  endSteps,
  fieldLabel,
  filterPackages,
  formatBytes,
  initialSteps,
  serverSteps,
  type CheckStep,
} from '@/lib/ui/check-progress';
import { lockDesign } from '@/lib/ui/check-lock';
import { SUBDIR_OF_PLATFORM } from '@/lib/solve/subdirs';
import { useDesignSnapshot } from '../design-state';
import { Modal } from '../dialogs/modal';
import { AlertIcon, CheckIcon, InfoIcon, WarningIcon } from '../icons';
import { afterNextPaint } from '../after-next-paint';
import { useGrowingCount } from '../use-growing-count';
import { startCheck, type CheckOutcome, type CheckRun } from './check-runner';

interface CheckDialogProps {
  open: boolean;
  /** Changes each time the person presses Check: a new check starts (unless one is running). */
  request: number;
  onClose: () => void;
  /** Closes the dialog and focuses a form field (dotted path). */
  onGoToField: (field: string) => void;
  /** Replaces the design with its locked version as one undoable step; `what` says what was locked. */
  onLock: (design: Design, what: string) => void;
}

const FAILURE_WORDS: Record<string, string> = {
  unsolvable: 'cannot be solved',
  'no-candidates': 'a package is missing',
  'invalid-spec': 'a spec is not valid',
  network: 'the channel could not be reached',
  'solver-crashed': 'the solver crashed',
};

// What the check compares to notice "the design changed since": everything but a lock it may already carry.
// Rows shown before "Show all": a real environment has hundreds of packages, and laying them all out at once
// would hold the page up; the filter always searches all of them.
const FIRST_ROWS = 30;
// Rows join the table a few at first, then more per frame (see useGrowingCount).
const FIRST_BATCH = 4;
const LARGEST_BATCH = 48;

const designKey = (design: Design) => JSON.stringify({ ...design, lock: undefined });

type Running = { run: CheckRun; steps: CheckStep[] };
type Finished = { outcome: CheckOutcome; steps: CheckStep[]; design: Design; key: string };

/** The Check dialog; its state outlives closing it, so the result is there when it opens again. */
export function CheckDialog({ open, request, onClose, onGoToField, onLock }: CheckDialogProps) {
  const snapshot = useDesignSnapshot();
  const [running, setRunning] = useState<Running | null>(null);
  const [finished, setFinished] = useState<Finished | null>(null);
  const runningRef = useRef<CheckRun | null>(null);
  const [lockError, setLockError] = useState<string | null>(null);

  const stepsRef = useRef<CheckStep[]>([]);

  const begin = () => {
    if (runningRef.current) return;
    const design = snapshot.design;
    const subdirs = design.base.platforms.map((platform) => SUBDIR_OF_PLATFORM[platform]);
    stepsRef.current = initialSteps(subdirs, design.pip.packages.length);
    setLockError(null);
    const run = startCheck(design, (progress) => {
      stepsRef.current = applyProgress(stepsRef.current, progress);
      // Transitions: React renders in slices and yields, so no update blocks the page.
      startTransition(() => setRunning((current) => (current ? { ...current, steps: stepsRef.current } : current)));
    });
    runningRef.current = run;
    setRunning({ run, steps: stepsRef.current });
    void run.done.then((outcome) => {
      runningRef.current = null;
      const steps = stepsRef.current;
      startTransition(() => {
        setFinished({
          outcome,
          design,
          key: designKey(design),
          steps:
            outcome.kind === 'cancelled'
              ? endSteps(steps, 'cancelled')
              : outcome.kind !== 'report'
                ? endSteps(steps, 'not finished')
                : outcome.via === 'server'
                  ? serverSteps(steps)
                  : steps,
        });
        setRunning(null);
      });
    });
  };

  // Each press of Check (a new request number) starts a check, unless one is running.
  const onRequest = useEffectEvent(() => begin());
  useEffect(() => {
    if (request > 0) onRequest();
  }, [request]);

  // Leaving the page (or this component) stops the worker's work.
  useEffect(() => () => runningRef.current?.cancel(), []);

  const steps = running?.steps ?? finished?.steps ?? [];
  const changed = finished !== null && (snapshot.stale || designKey(snapshot.design) !== finished.key);
  const outcome = running ? null : (finished?.outcome ?? null);
  const report = outcome?.kind === 'report' ? outcome.report : null;
  const lockable = report !== null && canLock(report) && !changed;

  const lock = () => {
    if (!finished || !report) return;
    const locked = lockDesign(finished.design, report);
    if (!locked.ok) return setLockError(locked.error);
    setLockError(null);
    const platforms = Object.entries(report.platforms).map(([name, platform]) => `${name} (${platform.ok ? platform.packages.length : 0} packages)`);
    onLock(locked.design, `Locked ${platforms.join(' and ')}: the lock files are in the preview.`);
  };

  const goToField = (field: string) => {
    onClose();
    onGoToField(field);
  };

  const footer = (
    <>
      {running ? (
        <button type="button" className="button" onClick={() => running.run.cancel()}>
          Cancel
        </button>
      ) : (
        <button type="button" className="button" onClick={begin}>
          Check again
        </button>
      )}
      <button
        type="button"
        className="button primary"
        disabled={!lockable}
        aria-describedby={report && !lockable ? 'check-lock-why' : undefined}
        onClick={lock}
        title="Store these exact packages in the design: the lock files join the preview and the zip (Undo reverts it)"
      >
        Lock
      </button>
    </>
  );

  return (
    <Modal open={open} onClose={onClose} title="Check against the channels" testId="check-dialog" className="check-dialog" wide footer={footer}>
      <p className="check-intro">
        Solves the conda packages for each platform and looks up each pip line on the index. This is the only part of Condocker that uses the network; your
        design does not change unless you press Lock.
      </p>
      <ol className="check-steps" aria-label="Progress" data-testid="check-steps">
        {steps.map((step) => (
          <li key={step.id} className={`check-step ${step.state}`} data-step={step.id} data-state={step.state}>
            <StepIcon state={step.state} />
            <span className="check-step-text">
              <span className="check-step-label">{step.label}</span>
              {step.detail && <span className="check-step-detail">{step.detail}</span>}
            </span>
          </li>
        ))}
      </ol>
      <div role="status" aria-live="polite" className="check-status" data-testid="check-status" data-state={running ? 'running' : (outcome?.kind ?? 'idle')}>
        {running ? 'Checking…' : outcome ? statusLine(outcome) : ''}
      </div>
      {outcome && outcome.kind !== 'report' && outcome.kind !== 'cancelled' && (
        <div className="check-error" data-testid="check-error">
          <AlertIcon />
          <div>
            {outcome.kind === 'unreachable' ? (
              <>
                <p className="check-error-title">The channels could not be reached: you may be offline, or a channel is down.</p>
                <p className="mono check-error-text">{outcome.message}</p>
                <p>The server&apos;s check did not help: {outcome.serverMessage}.</p>
              </>
            ) : (
              <p className="check-error-title">{outcome.message}</p>
            )}
            <p>Your design is unchanged. Try again when the connection is back.</p>
          </div>
        </div>
      )}
      {outcome?.kind === 'report' && outcome.via === 'server' && (
        <p className="check-note" data-testid="check-via-server">
          <InfoIcon />
          <span>
            Your browser could not reach a channel or the index itself (it sends no CORS headers, or a proxy is in the way), so the server checked instead.
            <span className="mono check-note-detail">{outcome.browserError}</span>
          </span>
        </p>
      )}
      {changed && report && (
        <p className="check-note warning" data-testid="check-changed">
          <WarningIcon />
          <span>The design changed since this check: press Check again before you lock.</span>
        </p>
      )}
      {lockError && (
        <p className="check-note warning" role="alert" data-testid="check-lock-error">
          <WarningIcon />
          <span>{lockError}</span>
        </p>
      )}
      {report && finished && <CheckResults key={finished.key} report={report} onGoToField={goToField} />}
      {report && !lockable && (
        <p className="hint" id="check-lock-why">
          {changed
              ? 'Lock stores the result of a check of the current design.'
              : 'Lock needs every platform solved and every pip line checked out.'}
        </p>
      )}
    </Modal>
  );
}

function statusLine(outcome: CheckOutcome): string {
  if (outcome.kind === 'cancelled') return 'Check cancelled. Your design is unchanged.';
  if (outcome.kind === 'failed') return 'The check failed.';
  if (outcome.kind === 'unreachable') return 'The check could not reach the channels.';
  const platforms = Object.values(outcome.report.platforms);
  const failed = platforms.filter((platform) => !platform.ok).length;
  const pipProblems = outcome.report.pip.filter((line) => !line.ok).length;
  if (failed === 0 && pipProblems === 0) return `Every platform solves${outcome.report.pip.length > 0 ? ' and every pip line checks out' : ''}.`;
  return [failed && `${failed} of ${platforms.length} platform${platforms.length === 1 ? '' : 's'} cannot be solved`, pipProblems && `${pipProblems} pip line${pipProblems === 1 ? ' has' : 's have'} problems`]
    .filter(Boolean)
    .join('; ')
    .concat('.');
}

function StepIcon({ state }: { state: CheckStep['state'] }) {
  if (state === 'done') return <CheckIcon className="check-step-icon" aria-hidden="true" />;
  if (state === 'failed') return <AlertIcon className="check-step-icon" aria-hidden="true" />;
  return <span className="check-step-icon check-step-dot" aria-hidden="true" />;
}

/** Per platform, the package table and the pip lines. */
function CheckResults({ report, onGoToField }: { report: CheckReport; onGoToField: (field: string) => void }) {
  const solved = Object.entries(report.platforms).filter(([, platform]) => platform.ok);
  const [subdir, setSubdir] = useState(solved[0]?.[0] ?? '');
  const [query, setQuery] = useState('');
  const [showAll, setShowAll] = useState(false);
  // The table mounts after the summary's frame, so no frame lays out the whole result at once.
  const [tableShown, setTableShown] = useState(false);
  useEffect(() => afterNextPaint(() => startTransition(() => setTableShown(true))), []);
  const searchId = useId();
  const platformId = useId();
  const tableRef = useRef<HTMLDivElement>(null);
  const shown = report.platforms[subdir];
  const packages = shown?.ok ? shown.packages : [];
  const matches = filterPackages(packages, query);
  const rows = showAll ? matches : matches.slice(0, FIRST_ROWS);
  const mountedRows = rows.slice(0, useGrowingCount(rows.length, FIRST_BATCH, LARGEST_BATCH));

  return (
    <div className="check-results" data-testid="check-results">
      <h3 className="check-heading">Platforms</h3>
      <ul className="check-platforms">
        {Object.entries(report.platforms).map(([name, platform]) => (
          <li key={name} className={`check-platform ${platform.ok ? 'ok' : 'failed'}`} data-testid={`check-platform-${name}`} data-ok={platform.ok ? 'true' : 'false'}>
            {platform.ok ? <CheckIcon className="check-platform-icon" aria-hidden="true" /> : <AlertIcon className="check-platform-icon" aria-hidden="true" />}
            <div className="check-platform-body">
              <p className="check-platform-title">
                <span className="mono">{name}</span>{' '}
                {platform.ok ? (
                  <span>
                    <span className="visually-hidden">solves: </span>
                    {platform.packages.length} packages, {formatBytes(platform.downloadBytes)} to download
                  </span>
                ) : (
                  <span className="check-failure">{FAILURE_WORDS[platform.kind] ?? 'cannot be solved'}</span>
                )}
              </p>
              {!platform.ok && (
                <>
                  <pre className="check-explanation mono">{platform.error}</pre>
                  {platform.field && platform.spec && (
                    <p className="check-blame">
                      To blame:{' '}
                      <button type="button" className="link-button mono" onClick={() => onGoToField(platform.field as string)} aria-label={`${platform.spec}: show ${fieldLabel(platform.field)} in the form`}>
                        {platform.spec}
                      </button>
                      <span className="check-blame-where">
                        {' '}
                        ({fieldLabel(platform.field)}
                        {platform.line ? `, environment.yml line ${platform.line}` : ''})
                      </span>
                    </p>
                  )}
                </>
              )}
              {platform.notes.length > 0 && (
                <ul className="check-notes">
                  {platform.notes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ul>

      {solved.length > 0 && tableShown && (
        <>
          <div className="check-table-bar">
            <h3 className="check-heading">Packages</h3>
            {solved.length > 1 && (
              <>
                <label htmlFor={platformId} className="visually-hidden">
                  Platform
                </label>
                <select id={platformId} value={subdir} onChange={(event) => setSubdir(event.target.value)}>
                  {solved.map(([name]) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </>
            )}
            <label htmlFor={searchId} className="visually-hidden">
              Filter packages
            </label>
            <input id={searchId} type="search" placeholder="Filter packages" value={query} onChange={(event) => setQuery(event.target.value)} className="check-search" />
          </div>
          <div ref={tableRef} className="check-table-wrap" tabIndex={0} role="region" aria-label={`Packages for ${subdir}`}>
            <table className="check-table" data-testid="check-packages" data-rows-complete={mountedRows.length === rows.length}>
              <caption className="visually-hidden">
                Packages for {subdir}: {matches.length} of {packages.length}
                {rows.length < matches.length ? `, the first ${rows.length} shown` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Version</th>
                  <th scope="col">Build</th>
                  <th scope="col">Channel</th>
                  <th scope="col" className="num">
                    Size
                  </th>
                </tr>
              </thead>
              <tbody>
                {mountedRows.map((pkg) => (
                  <tr key={pkg.name}>
                    <td className="mono">{pkg.name}</td>
                    <td className="mono">{pkg.version}</td>
                    <td className="mono check-build">{pkg.build}</td>
                    <td>{channelLabel(pkg.channel)}</td>
                    <td className="num">{formatBytes(pkg.size)}</td>
                  </tr>
                ))}
                {matches.length === 0 && (
                  <tr>
                    <td colSpan={5} className="check-empty">
                      No package matches “{query}”.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          {rows.length < matches.length && (
            <button
              type="button"
              className="button small check-more"
              onClick={() => {
                // The button goes away: focus moves to the table it filled, not to the page behind.
                tableRef.current?.focus();
                startTransition(() => setShowAll(true));
              }}
            >
              Show all {matches.length} packages
            </button>
          )}
        </>
      )}

      {report.pip.length > 0 && (
        <>
          <h3 className="check-heading">Pip lines</h3>
          <ul className="check-pip" data-testid="check-pip">
            {report.pip.map((line) => (
              <li key={line.field} className={`check-pip-line ${line.ok ? 'ok' : 'failed'}`} data-status={line.status}>
                {line.ok ? <CheckIcon className="check-platform-icon" aria-hidden="true" /> : <AlertIcon className="check-platform-icon" aria-hidden="true" />}
                <div className="check-platform-body">
                  <p className="check-platform-title">
                    <button type="button" className="link-button mono" onClick={() => onGoToField(line.field)} aria-label={`${line.line}: show ${fieldLabel(line.field)} in the form`}>
                      {line.line}
                    </button>{' '}
                    <span>{PIP_STATUS[line.status] ?? line.status}</span>
                    {line.version && <span className="mono"> → {line.version}</span>}
                  </p>
                  {line.problems.length + line.warnings.length + line.notes.length > 0 && (
                    <ul className="check-notes">
                      {line.problems.map((text) => (
                        <li key={`p-${text}`} className="problem">
                          {text}
                        </li>
                      ))}
                      {line.warnings.map((text) => (
                        <li key={`w-${text}`} className="warning">
                          {text}
                        </li>
                      ))}
                      {line.notes.map((text) => (
                        <li key={`n-${text}`}>{text}</li>
                      ))}
                    </ul>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const PIP_STATUS: Record<string, string> = { ok: 'checks out', problem: 'has problems', 'not-checked': 'not checked', skipped: 'skipped by its marker' };
