import { readFileSync } from 'node:fs';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema } from '@/lib/design/schema';
import { importDesignFile } from './design-file';
import type { ImportResult } from './types';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function imported(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('importDesignFile', () => {
  it('reads a partial YAML design, fills the defaults, keeps numbers-looking text as text', () => {
    const result = imported(importDesignFile(fixture('design.yaml')));
    expect(result.design).toEqual(
      designSchema.parse({
        project: { name: 'climate-model' },
        conda: { pythonVersion: '3.10', packages: ['numpy', 'xarray'] },
        pip: { packages: ['rich'] },
        runtime: { port: 9999, env: [{ name: 'OMP_NUM_THREADS', value: '4' }] },
      }),
    );
    expect(result.warnings.map((warning) => [warning.line, warning.message.slice(0, 40)])).toEqual([
      [17, 'Ignored the unknown key "colour" in "gpu'],
      [18, 'Ignored the unknown key "extras" at the '],
    ]);
  });

  it('reads a partial JSON design', () => {
    const result = imported(importDesignFile(fixture('design.json'), { fileName: 'design.json' }));
    expect(result.design).toEqual(
      designSchema.parse({
        project: { name: 'api-design', description: 'Sent to POST /api/zip' },
        base: { image: 'debian:12-slim', platforms: ['linux/amd64'] },
        user: { name: 'ada', uid: 1001, gid: 1001 },
        files: { devcontainer: true },
      }),
    );
    expect(result.warnings).toEqual([]);
  });

  it('lists every invalid value as path (line): message', () => {
    const result = importDesignFile('user:\n  name: root\n  uid: 0\nconda:\n  packages:\n    - numpy\n    - "bad spec#"\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.split('\n')).toEqual([
      'design.yaml is not a valid design:',
      expect.stringMatching(/^ {2}conda\.packages\[1\] \(line 7\): Conda package: /),
      expect.stringMatching(/^ {2}user\.name \(line 2\): User name: /),
      expect.stringMatching(/^ {2}user\.uid \(line 3\): User ID: must be 1 or more/),
    ]);
  });

  it('reports a future schema version', () => {
    const result = importDesignFile('{"schemaVersion": 2}', { fileName: 'design.json' });
    expect(result).toEqual({ ok: false, error: 'design.json is not a valid design:\n  schemaVersion (line 1): Schema version: must be 1.' });
  });

  it.each([
    ['broken JSON', '{"project": ', 'design.json', /^design\.json: invalid JSON: /],
    ['broken YAML', 'project:\n  name: a\n name: b\n', 'design.yaml', /^design\.yaml: invalid YAML at line 3/],
    ['a list', '- a\n', 'design.yaml', /a design is a mapping of sections/],
    ['nothing', '\n', 'design.yaml', /design\.yaml is empty/],
  ])('fails on %s', (_, text, fileName, message) => {
    const result = importDesignFile(text, { fileName });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it.each(PRESETS.map((preset) => [preset.id, preset.design] as const))('reads back %s saved as YAML and as JSON', (_, design) => {
    expect(imported(importDesignFile(dump(design))).design).toEqual(design);
    expect(imported(importDesignFile(JSON.stringify(design, null, 2), { fileName: 'design.json' })).design).toEqual(design);
  });

  it('treats "key:" with nothing after it as not set', () => {
    expect(imported(importDesignFile('project:\n  description:\n')).design).toEqual(DEFAULT_DESIGN);
  });
});
