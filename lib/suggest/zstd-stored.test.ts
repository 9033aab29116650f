import { execFileSync } from 'node:child_process';
import { decompress } from 'fzstd';
import { describe, expect, it } from 'vitest';
import { zstdStored } from './zstd-stored';

const SIZES = [0, 1, 1000, 128 * 1024, 128 * 1024 + 1, 300_000];
const bytesOf = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + (i >> 8)) & 0xff);
// Buffer.equals: vitest's deep equality is slow on large arrays.
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('zstdStored', () => {
  it.each(SIZES)('round-trips %i bytes through fzstd', (size) => {
    expect(same(decompress(zstdStored(bytesOf(size))), bytesOf(size))).toBe(true);
  });

  it.each(SIZES)('is read by the zstd CLI too (%i bytes)', (size) => {
    const out = execFileSync('zstd', ['-d', '-c', '-q'], { input: zstdStored(bytesOf(size)) });
    expect(same(out, bytesOf(size))).toBe(true);
  });
});
