import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { findPreset } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { READ_ZIP_LIMITS, buildZip, readZip, zipFileName } from './zip';

// A design that emits every script: postBuild needs a script, the entrypoint is always there.
const design = designSchema.parse({ postBuild: { script: 'echo "ready"' }, files: { devcontainer: true } });
const files = generateFiles(design);
const SCRIPTS = ['postBuild', 'docker/entrypoint.sh'];

const temp = mkdtempSync(join(tmpdir(), 'condocker-zip-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function unzipInto(bytes: Uint8Array, name: string): string {
  const dir = join(temp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, '..', `${name}.zip`), bytes);
  execFileSync('unzip', ['-q', join(temp, `${name}.zip`), '-d', dir]);
  return dir;
}

describe('buildZip', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
    vi.useRealTimers();
  });

  it('gives the same bytes every time, whatever the clock and time zone', async () => {
    expect(SCRIPTS.every((path) => files.some((file) => file.path === path))).toBe(true);
    const first = await buildZip(files);
    process.env.TZ = 'Pacific/Kiritimati';
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-15T23:59:59Z'));
    const second = await buildZip(files);
    process.env.TZ = 'America/Los_Angeles';
    const third = await buildZip(files);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(third).equals(Buffer.from(first))).toBe(true);
  });

  it('extracts with unzip to the same contents, scripts 0755 and the rest 0644', async () => {
    const dir = unzipInto(await buildZip(files), 'plain');
    for (const file of files) {
      const path = join(dir, file.path);
      expect(readFileSync(path, 'utf8'), file.path).toBe(file.content);
      expect((statSync(path).mode & 0o777).toString(8), file.path).toBe(SCRIPTS.includes(file.path) ? '755' : '644');
    }
  });

  it('puts everything under the top folder, in the given order, dated 1980-01-01', async () => {
    const bytes = await buildZip(files, { folder: 'data-science' });
    writeFileSync(join(temp, 'listing.zip'), bytes);
    const listing = execFileSync('unzip', ['-Z', '-T', join(temp, 'listing.zip')], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /^[-d]r/.test(line));
    expect(listing.map((line) => line.split(/\s+/).at(-1))).toEqual(files.map((file) => `data-science/${file.path}`));
    // unzip -T prints yyyymmdd.hhmmss; DOS dates have no zone, so this is the stored value.
    expect(new Set(listing.map((line) => line.split(/\s+/).at(-2)))).toEqual(new Set(['19800101.000000']));
    expect(listing.every((line) => / defN /.test(line))).toBe(true);
  });

  it('refuses a folder that is not one plain path segment', async () => {
    await expect(buildZip(files, { folder: '../up' })).rejects.toThrow(/one plain path segment/);
  });

  it('names the download after the project', () => {
    expect(zipFileName(DEFAULT_DESIGN)).toBe('data-science.zip');
    expect(zipFileName(findPreset('recipe-2020')!.design)).toBe('recipe-2020.zip');
  });
});

describe('readZip', () => {
  it('reads back what buildZip wrote, modes included', async () => {
    const result = await readZip(await buildZip(files, { folder: 'data-science' }));
    expect(result).toEqual({
      ok: true,
      files: files.map(({ path, content, mode }) => ({ path: `data-science/${path}`, content, mode })),
      skipped: [],
    });
  });

  it('reads a zip made by Info-ZIP zip, executable bit included', async () => {
    const dir = join(temp, 'infozip');
    mkdirSync(join(dir, 'docker'), { recursive: true });
    writeFileSync(join(dir, 'environment.yml'), 'name: app\n');
    writeFileSync(join(dir, 'docker', 'entrypoint.sh'), '#!/bin/bash\nexec "$@"\n');
    chmodSync(join(dir, 'docker', 'entrypoint.sh'), 0o755);
    execFileSync('zip', ['-q', '-r', join(temp, 'infozip.zip'), '.'], { cwd: dir });
    const result = await readZip(readFileSync(join(temp, 'infozip.zip')));
    expect(result.ok && [...result.files].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'docker/entrypoint.sh', content: '#!/bin/bash\nexec "$@"\n', mode: 0o755 },
      { path: 'environment.yml', content: 'name: app\n', mode: 0o644 },
    ]);
  });

  const text = (value: string) => new TextEncoder().encode(value);
  // fflate writes names exactly as given, so it can build the hostile zips jszip would not.
  const zipOf = (entries: Zippable) => zipSync(entries, { level: 9 });

  it('skips macOS metadata and binary files, and says so', async () => {
    const result = await readZip(
      zipOf({
        'environment.yml': text('name: app\n'),
        '__MACOSX/._environment.yml': new Uint8Array([0, 5, 22, 7]),
        '.DS_Store': new Uint8Array([0, 0, 0, 1]),
        'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]),
      }),
    );
    expect(result).toEqual({
      ok: true,
      files: [{ path: 'environment.yml', content: 'name: app\n', mode: 0o644 }],
      skipped: [
        { path: '__MACOSX/._environment.yml', reason: 'macOS Finder metadata' },
        { path: '.DS_Store', reason: 'macOS Finder metadata' },
        { path: 'logo.png', reason: 'not UTF-8 text' },
      ],
    });
  });

  it('reads the executable bit written by another zip library', async () => {
    const result = await readZip(zipOf({ run: [text('#!/bin/sh\n'), { os: 3, attrs: (0o100755 << 16) >>> 0 }] }));
    expect(result.ok && result.files).toEqual([{ path: 'run', content: '#!/bin/sh\n', mode: 0o755 }]);
  });

  const manyFiles = Object.fromEntries(
    Array.from({ length: READ_ZIP_LIMITS.maxEntries + 1 }, (_, i) => [`f${i}.txt`, text('x')]),
  );
  it.each([
    ['not a zip', text('name: app\n'), /This is not a zip file or it is damaged/],
    ['a truncated zip', zipOf({ 'a.txt': text('hello') }).slice(0, 30), /This is not a zip file or it is damaged/],
    ['a zip over the input limit', new Uint8Array(READ_ZIP_LIMITS.maxZipBytes + 1), /The zip is larger than 6 MB/],
    ['too many entries', zipOf(manyFiles), /The zip has 201 entries; Condocker reads at most 200/],
    ['a zip bomb', zipOf({ 'big.txt': new Uint8Array(READ_ZIP_LIMITS.maxTotalBytes + 1) }), /more than 5 MB once decompressed/],
    [
      'files that add up past the limit',
      zipOf({ 'a.txt': new Uint8Array(3 * 1024 * 1024), 'b.txt': new Uint8Array(3 * 1024 * 1024) }),
      /more than 5 MB once decompressed/,
    ],
    ['a ".." path', zipOf({ '../evil.sh': text('x') }), /unsafe path "\.\.\/evil\.sh": "\.\." segments are not allowed/],
    ['a nested ".." path', zipOf({ 'a/../../evil.sh': text('x') }), /"\.\." segments are not allowed/],
    ['an absolute path', zipOf({ '/etc/cron.d/evil': text('x') }), /unsafe path "\/etc\/cron\.d\/evil": absolute paths/],
    ['a drive letter', zipOf({ 'C:/evil.bat': text('x') }), /absolute paths are not allowed/],
    ['a backslash path', zipOf({ '..\\evil.sh': text('x') }), /backslashes are not allowed/],
  ])('rejects %s with a clear error', async (_what, bytes, message) => {
    const result = await readZip(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });
});
