import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/lib/design/presets';
import { DEFAULT_DESIGN, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { buildZip } from '@/lib/zip';
import type { ImportResult } from './types';
import { importZip } from './zip';

const contents = (design: Design) => Object.fromEntries(generateFiles(design).map((file) => [file.path, file.content]));

function imported(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('importZip', () => {
  it.each(PRESETS.map((preset) => [preset.id, preset.design] as const))('%s: the downloaded zip regenerates byte-identically', async (id, design) => {
    for (const folder of [undefined, id]) {
      const result = imported(await importZip(await buildZip(generateFiles(design), { folder })));
      expect(contents(result.design)).toEqual(contents(design));
      expect(result.warnings).toEqual([]);
      const again = imported(await importZip(await buildZip(generateFiles(result.design))));
      expect(again.design).toEqual(result.design);
    }
  });

  it('reports files it skipped and files that are not part of a design', async () => {
    const zip = new JSZip();
    for (const file of generateFiles(DEFAULT_DESIGN)) zip.file(file.path, file.content);
    zip.file('data/raw.bin', new Uint8Array([0xff, 0xfe, 0x00]));
    zip.file('notes.md', '# notes\n');
    const result = imported(await importZip(await zip.generateAsync({ type: 'uint8array' })));
    expect(result.design).toEqual(DEFAULT_DESIGN);
    expect(result.warnings.map((warning) => [warning.file, warning.severity, warning.message])).toEqual([
      ['data/raw.bin', 'info', 'Skipped data/raw.bin: not UTF-8 text.'],
      ['notes.md', 'info', 'Ignored notes.md: Condocker does not generate it, so it is not part of a design.'],
    ]);
  });

  it.each([
    ['bytes that are not a zip', new TextEncoder().encode('numpy\n'), /^upload\.zip: This is not a zip file or it is damaged/],
    ['an empty zip', new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]), /^upload\.zip holds no text files to import\./],
  ])('fails on %s', async (_, bytes, message) => {
    const result = await importZip(bytes, undefined, { fileName: 'upload.zip' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('refuses unsafe paths, as readZip does', async () => {
    const zip = new JSZip();
    zip.file('../evil.txt', 'x');
    const result = await importZip(await zip.generateAsync({ type: 'uint8array' }));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/unsafe path/) });
  });
});
