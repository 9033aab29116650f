import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { importAptTxt } from './apt-txt';
import type { ImportResult } from './types';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const aptOf = (design: Design) => generateFiles(design).find((file) => file.path === 'apt.txt')?.content;

function imported(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('importAptTxt', () => {
  it('reads one package a line, with comments, pins and stray spaces', () => {
    const result = imported(importAptTxt(fixture('apt.txt')));
    expect(result.design.apt.packages).toEqual(['libgl1', 'git=1:2.43.0-1ubuntu7', 'graphviz', 'ffmpeg', 'imagemagick']);
    expect(result.warnings.map((warning) => [warning.line, warning.severity ?? 'warning', warning.message.slice(0, 28)])).toEqual([
      [5, 'info', '"ffmpeg imagemagick" names 2'],
      [6, 'warning', 'Not imported: "Bad_Name". Sy'],
      [7, 'warning', 'Not imported: "libgl1" repea'],
    ]);
  });

  it('replaces only the system packages of the base', () => {
    const base = designSchema.parse({ apt: { packages: ['old'] }, user: { name: 'ada' } });
    expect(imported(importAptTxt('git\n', base)).design).toEqual({ ...base, apt: { packages: ['git'] } });
  });

  it('reads CRLF files and an empty file', () => {
    expect(imported(importAptTxt('git\r\ncurl\r\n')).design.apt.packages).toEqual(['git', 'curl']);
    expect(imported(importAptTxt('')).design.apt.packages).toEqual([]);
  });

  it.each([
    ['packages', designSchema.parse({ apt: { packages: ['libgl1', 'git=1:2.43.0-1ubuntu7', 'graphviz', 'curl'] } })],
    ['no comments', designSchema.parse({ dockerfile: { comments: false }, apt: { packages: ['ffmpeg'] } })],
  ])('import → generate → import is a fixed point: %s', (_, design) => {
    const text = aptOf(design) as string;
    const result = imported(importAptTxt(text, design));
    expect(result.design).toEqual(design);
    expect(aptOf(result.design)).toBe(text);
    expect(result.warnings).toEqual([]);
  });
});
