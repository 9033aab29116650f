// Sharded repodata (CEP 16, as rattler and prefix.dev serve it). `SUBDIR/repodata_shards.msgpack.zst` is the index:
// zstd-compressed msgpack `{version?, info: {subdir, base_url, shards_base_url, created_at?}, shards: {name: sha256}}`
// with every package name of the subdir (~670 kB for conda-forge linux-64). Each package's records live in
// `<shards_base_url>/<sha256 hex>.msgpack.zst`: msgpack `{packages, "packages.conda", removed}` whose records are
// repodata.json's with md5/sha256 as binary. The hash is the sha256 of the compressed shard file. Format checked
// against rattler_conda_types/src/repo_data/sharded.rs and rattler_repodata_gateway's sharded_subdir.
import { decode, encode } from '@msgpack/msgpack';
import { decompress } from 'fzstd';
import { compareCondaVersions } from './conda-version';

/** The decoded shard index of one subdir. */
export interface ShardIndex {
  subdir: string;
  /** Where packages live, relative to `<channel>/<subdir>/` (usually "./") or absolute. */
  baseUrl?: string;
  /** Where shards live, relative to `<channel>/<subdir>/` (usually "./shards/") or absolute. */
  shardsBaseUrl: string;
  /** Every package name of the subdir, sorted. */
  names: string[];
  /** The shard's sha256 as lowercase hex, or undefined when the subdir has no such package. */
  shardHash(name: string): string | undefined;
}

/** One package record of a shard (the fields suggestions use; the rest of repodata's fields are kept as decoded). */
export interface ShardRecord {
  name: string;
  version: string;
  build: string;
  build_number: number;
  subdir?: string;
  /** The key of the record, e.g. "numpy-2.1.3-py312h58c1407_0.conda". */
  filename: string;
  depends: string[];
  noarch?: string;
  license?: string;
  size?: number;
  /** Milliseconds since 1970 when present. */
  timestamp?: number;
  md5?: string;
  sha256?: string;
}

/** The decoded shard of one package name in one subdir. */
export interface PackageShard {
  records: ShardRecord[];
  /** File names the channel removed (their records are already left out of `records`). */
  removed: string[];
}

/** Sharded repodata that cannot be read: not zstd, truncated, or not the msgpack shape rattler expects. */
export class ShardFormatError extends Error {
  override name = 'ShardFormatError';
}

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

function inflate(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length < 4 || ZSTD_MAGIC.some((byte, i) => bytes[i] !== byte))
    throw new ShardFormatError(`${what} is not zstd data (${bytes.length} bytes, no zstd magic number); the server may have sent an error page`);
  try {
    return decompress(bytes);
  } catch (error) {
    throw new ShardFormatError(`${what} is truncated or corrupt zstd data (${bytes.length} bytes): ${error instanceof Error ? error.message : String(error)}`);
  }
}

function unpack(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = decode(inflate(bytes, what));
  } catch (error) {
    if (error instanceof ShardFormatError) throw error;
    throw new ShardFormatError(`${what} is not valid msgpack: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(value)) throw new ShardFormatError(`${what} is not a msgpack map`);
  return value;
}

/** md5/sha256 are binary in shards, hex strings in some producers (rattler accepts both, so do we). */
function digestText(value: unknown): string | undefined {
  if (value instanceof Uint8Array) return toHex(value);
  return typeof value === 'string' ? value.toLowerCase() : undefined;
}

/**
 * Decodes `repodata_shards.msgpack.zst`; throws ShardFormatError on anything else.
 * @example decodeShardIndex(bytes).shardHash('numpy') // 'a3f1…' (64 hex digits)
 */
export function decodeShardIndex(bytes: Uint8Array): ShardIndex {
  const what = 'the shard index';
  const value = unpack(bytes, what);
  const { info, shards } = value;
  if (!isObject(info) || typeof info.subdir !== 'string' || typeof info.shards_base_url !== 'string')
    throw new ShardFormatError(`${what} has no info {subdir, shards_base_url}`);
  if (!isObject(shards)) throw new ShardFormatError(`${what} has no "shards" map of package name → sha256`);
  const hashes = new Map<string, Uint8Array>();
  for (const [name, hash] of Object.entries(shards)) {
    if (!(hash instanceof Uint8Array) || hash.length !== 32)
      throw new ShardFormatError(`${what}: the shard hash of "${name}" is not 32 bytes of sha256`);
    hashes.set(name, hash);
  }
  const names = [...hashes.keys()].sort();
  return {
    subdir: info.subdir,
    ...(typeof info.base_url === 'string' ? { baseUrl: info.base_url } : {}),
    shardsBaseUrl: info.shards_base_url,
    names,
    shardHash: (name) => {
      const hash = hashes.get(name);
      return hash ? toHex(hash) : undefined;
    },
  };
}

function readRecord(filename: string, value: unknown, what: string): ShardRecord {
  if (!isObject(value)) throw new ShardFormatError(`${what}: the record of ${filename} is not a map`);
  const { name, version, build, build_number: buildNumber } = value;
  if (typeof name !== 'string' || typeof version !== 'string' || typeof build !== 'string')
    throw new ShardFormatError(`${what}: the record of ${filename} lacks name, version or build`);
  const depends = Array.isArray(value.depends) ? value.depends.filter((dep): dep is string => typeof dep === 'string') : [];
  const md5 = digestText(value.md5);
  const sha256 = digestText(value.sha256);
  return {
    ...(value as Partial<ShardRecord>),
    name,
    version,
    build,
    build_number: typeof buildNumber === 'number' ? buildNumber : Number(buildNumber ?? 0),
    filename,
    depends,
    ...(md5 ? { md5 } : {}),
    ...(sha256 ? { sha256 } : {}),
  };
}

/**
 * Decodes one package shard (`<sha256>.msgpack.zst`); records listed under `removed` are left out.
 * @example decodePackageShard(bytes).records[0].version // '2.1.3'
 */
export function decodePackageShard(bytes: Uint8Array): PackageShard {
  const what = 'the package shard';
  const value = unpack(bytes, what);
  const removed = Array.isArray(value.removed) ? value.removed.filter((file): file is string => typeof file === 'string') : [];
  const gone = new Set(removed);
  const records: ShardRecord[] = [];
  for (const key of ['packages', 'packages.conda']) {
    const group = value[key];
    if (group === undefined || group === null) continue;
    if (!isObject(group)) throw new ShardFormatError(`${what}: "${key}" is not a map of file name → record`);
    for (const [filename, record] of Object.entries(group)) if (!gone.has(filename)) records.push(readRecord(filename, record, what));
  }
  if (!('packages' in value) && !('packages.conda' in value)) throw new ShardFormatError(`${what} has neither "packages" nor "packages.conda"`);
  return { records, removed };
}

/**
 * The distinct versions in one or more shards, newest first by conda's version order.
 * @example versionsOf(shard) // ['2.1.3', '1.26.4']
 */
export function versionsOf(shards: PackageShard | readonly PackageShard[]): string[] {
  const list: readonly PackageShard[] = Array.isArray(shards) ? shards : [shards as PackageShard];
  const versions = new Set(list.flatMap((shard) => shard.records.map((record) => record.version)));
  return [...versions].sort((a, b) => compareCondaVersions(b, a) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A record to encode: repodata.json's shape, md5/sha256 as hex (they are written as binary); other fields as they are. */
export interface EncodableRecord {
  name: string;
  version: string;
  build: string;
  md5?: string;
  sha256?: string;
}

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));

/**
 * Encodes one package shard as msgpack (compress it with zstd before serving); keys sorted so bytes are stable.
 * @example zstdStored(encodePackageShard({ 'numpy-2.1.3-py312_0.conda': record }))
 */
export function encodePackageShard<R extends EncodableRecord>(condaPackages: Readonly<Record<string, R>>, tarBz2Packages: Readonly<Record<string, R>> = {}): Uint8Array {
  const binary = (records: Readonly<Record<string, R>>) =>
    Object.fromEntries(
      Object.keys(records)
        .sort()
        .map((file) => {
          const { md5, sha256, ...rest } = records[file];
          return [file, { ...rest, ...(md5 ? { md5: fromHex(md5) } : {}), ...(sha256 ? { sha256: fromHex(sha256) } : {}) }];
        }),
    );
  return encode({ packages: binary(tarBz2Packages), 'packages.conda': binary(condaPackages), removed: [] });
}

/**
 * Encodes a shard index as msgpack (compress it with zstd before serving); `shards` maps names to sha256 hex.
 * @example encodeShardIndex({ subdir: 'noarch', baseUrl: './', shardsBaseUrl: './shards/', shards: { pip: 'ab…' } })
 */
export function encodeShardIndex(index: { subdir: string; baseUrl: string; shardsBaseUrl: string; shards: Readonly<Record<string, string>> }): Uint8Array {
  const shards = Object.fromEntries(
    Object.keys(index.shards)
      .sort()
      .map((name) => [name, fromHex(index.shards[name])]),
  );
  return encode({ version: 1, info: { subdir: index.subdir, base_url: index.baseUrl, shards_base_url: index.shardsBaseUrl }, shards });
}
