import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { ShardFormatError, decodePackageShard, decodeShardIndex, encodePackageShard, encodeShardIndex, versionsOf, type EncodableRecord } from './shard-index';
import { zstdStored } from './zstd-stored';

const zstdCli = (bytes: Uint8Array) => new Uint8Array(execFileSync('zstd', ['-19', '-q', '-c'], { input: bytes }));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type Rec = EncodableRecord & Record<string, unknown>;
function rec(name: string, version: string, build = 'h0_0', extra: Partial<Rec> = {}): Rec {
  return { name, version, build, build_number: 0, depends: ['python >=3.9'], subdir: 'noarch', md5: 'ab'.repeat(16), sha256: 'cd'.repeat(32), size: 1234, timestamp: 1_730_000_000_000, ...extra };
}
const file = (r: EncodableRecord) => `${r.name}-${r.version}-${r.build}.conda`;
const shardOf = (...records: EncodableRecord[]) => encodePackageShard(Object.fromEntries(records.map((r) => [file(r), r])));

describe('decodeShardIndex', () => {
  it.each([
    ['uncompressed zstd frames', zstdStored],
    ['real zstd compression (zstd CLI)', zstdCli],
  ])('reads an index written as rattler writes it (%s)', (_label, compress) => {
    const hash = sha256(compress(shardOf(rec('numpy', '2.1.3'))));
    const index = decodeShardIndex(compress(encodeShardIndex({ subdir: 'linux-64', baseUrl: './', shardsBaseUrl: './shards/', shards: { numpy: hash, 'scikit-learn': 'ef'.repeat(32), pandas: '01'.repeat(32) } })));
    expect(index.subdir).toBe('linux-64');
    expect(index.baseUrl).toBe('./');
    expect(index.shardsBaseUrl).toBe('./shards/');
    expect(index.names).toEqual(['numpy', 'pandas', 'scikit-learn']);
    expect(index.shardHash('numpy')).toBe(hash);
    expect(index.shardHash('nope')).toBeUndefined();
  });

  it.each([
    ['empty bytes', new Uint8Array(0), 'not zstd data'],
    ['an HTML error page', new TextEncoder().encode('<html>502</html>'), 'not zstd data'],
    ['truncated zstd', zstdCli(encodeShardIndex({ subdir: 'noarch', baseUrl: './', shardsBaseUrl: './shards/', shards: { pip: 'ab'.repeat(32) } })).slice(0, 20), 'truncated or corrupt'],
    ['a msgpack list', zstdStored(encode([1, 2])), 'not a msgpack map'],
    ['no info', zstdStored(encode({ shards: {} })), 'no info'],
    ['no shards map', zstdStored(encode({ info: { subdir: 'noarch', shards_base_url: './shards/' } })), 'no "shards" map'],
    ['a short hash', zstdStored(encode({ info: { subdir: 'noarch', shards_base_url: './shards/' }, shards: { pip: new Uint8Array(16) } })), '"pip" is not 32 bytes'],
    ['garbage msgpack', zstdStored(new Uint8Array([0xc1, 0xc1])), 'not valid msgpack'],
  ])('refuses %s with a ShardFormatError', (_label, bytes, message) => {
    expect(() => decodeShardIndex(bytes)).toThrow(ShardFormatError);
    expect(() => decodeShardIndex(bytes)).toThrow(message);
  });
});

describe('decodePackageShard', () => {
  it('reads records with binary digests as hex, the file name as key, and leaves removed files out', () => {
    const kept = rec('numpy', '2.1.3', 'py312h58c1407_0');
    const gone = rec('numpy', '2.0.0', 'py312_0');
    const bytes = encode({ packages: {}, 'packages.conda': { [file(kept)]: { ...kept, md5: new Uint8Array(16).fill(0xab), sha256: new Uint8Array(32).fill(0xcd) }, [file(gone)]: gone }, removed: [file(gone)] });
    const shard = decodePackageShard(zstdCli(bytes));
    expect(shard.removed).toEqual([file(gone)]);
    expect(shard.records).toHaveLength(1);
    expect(shard.records[0]).toMatchObject({ name: 'numpy', version: '2.1.3', build: 'py312h58c1407_0', build_number: 0, filename: file(kept), md5: 'ab'.repeat(16), sha256: 'cd'.repeat(32), depends: ['python >=3.9'] });
  });

  it('round-trips what encodePackageShard writes', () => {
    const records = [rec('pip', '24.3.1'), rec('pip', '24.2', 'pyh_1')];
    expect(decodePackageShard(zstdStored(shardOf(...records))).records.map((r) => [r.filename, r.md5, r.sha256])).toEqual(
      [...records].sort((a, b) => file(a).localeCompare(file(b))).map((r) => [file(r), r.md5, r.sha256]),
    );
  });

  it.each([
    ['neither packages map', zstdStored(encode({ removed: [] })), 'neither "packages" nor "packages.conda"'],
    ['a record without a version', zstdStored(encode({ 'packages.conda': { 'x.conda': { name: 'x', build: '0' } } })), 'lacks name, version or build'],
    ['packages as a list', zstdStored(encode({ packages: [1] })), '"packages" is not a map'],
  ])('refuses %s', (_label, bytes, message) => {
    expect(() => decodePackageShard(bytes)).toThrow(message);
  });
});

describe('versionsOf', () => {
  it('lists distinct versions newest first in conda order, across shards', () => {
    const a = decodePackageShard(zstdStored(shardOf(rec('x', '1.9'), rec('x', '1.10'), rec('x', '1.10', 'h1_1'), rec('x', '2.0rc1'))));
    const b = decodePackageShard(zstdStored(shardOf(rec('x', '2.0'), rec('x', '1.10.post1'))));
    expect(versionsOf(a)).toEqual(['2.0rc1', '1.10', '1.9']);
    expect(versionsOf([a, b])).toEqual(['2.0', '2.0rc1', '1.10.post1', '1.10', '1.9']);
    expect(versionsOf([])).toEqual([]);
  });
});
