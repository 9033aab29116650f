// A zstd frame that stores its bytes without compressing them (raw blocks, RFC 8878 §3.1.1.2): any zstd decoder
// reads it. Test fixtures use it so the fixture channel needs no native zstd and its bytes never change with the
// zstd version; real channels and the bench use real compression.

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
/** Raw blocks may not exceed 128 KiB. */
const MAX_BLOCK = 128 * 1024;

/**
 * Wraps bytes in a valid, uncompressed zstd frame (single segment, 4-byte content size, raw blocks, no checksum).
 * @example zstdStored(new Uint8Array([1, 2, 3])).length // 3 + 13
 */
export function zstdStored(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 0xffffffff) throw new Error(`zstdStored: ${bytes.length} bytes do not fit a 4-byte content size`);
  const blocks = Math.max(1, Math.ceil(bytes.length / MAX_BLOCK));
  const out = new Uint8Array(4 + 1 + 4 + blocks * 3 + bytes.length);
  out.set(MAGIC, 0);
  // Frame header descriptor: content size in 4 bytes (flag 2), single segment (no window descriptor).
  out[4] = (2 << 6) | (1 << 5);
  new DataView(out.buffer).setUint32(5, bytes.length, true);
  let at = 9;
  for (let block = 0; block < blocks; block++) {
    const chunk = bytes.subarray(block * MAX_BLOCK, (block + 1) * MAX_BLOCK);
    const header = (chunk.length << 3) | (0 << 1) | (block === blocks - 1 ? 1 : 0);
    out[at] = header & 0xff;
    out[at + 1] = (header >> 8) & 0xff;
    out[at + 2] = (header >> 16) & 0xff;
    out.set(chunk, at + 3);
    at += 3 + chunk.length;
  }
  return out;
}
