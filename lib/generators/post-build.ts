import type { ResolvedDesign } from '@/lib/design/resolve';
import { shellCommand } from '@/lib/shell-quote';
import { scriptFile, type GeneratedFile } from './types';

/** Generates postBuild: strict bash, JupyterLab extensions, then the user's own script. */
export function generatePostBuild(r: ResolvedDesign): GeneratedFile | null {
  if (!r.hasPostBuild) return null;
  const { jupyterExtensions, script } = r.design.postBuild;
  const comments = r.design.dockerfile.comments;
  const parts = [
    ['#!/bin/bash', ...(comments ? ['# Runs once at build time, as the non-root user, after the environment exists.'] : []), 'set -euo pipefail'].join('\n'),
  ];
  if (jupyterExtensions.length > 0)
    parts.push(
      [
        ...(comments ? ['# JupyterLab extensions are prebuilt Python packages since JupyterLab 3: no `jupyter lab build`.'] : []),
        shellCommand(['python', '-m', 'pip', 'install', '--no-cache-dir', ...jupyterExtensions]),
      ].join('\n'),
    );
  const userScript = script.replace(/\r\n?/g, '\n').trim();
  if (userScript) parts.push([...(comments ? ['# Your steps'] : []), userScript].join('\n'));
  return scriptFile('postBuild', `${parts.join('\n\n')}\n`);
}
