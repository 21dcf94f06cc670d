// A small pure-TypeScript DEFLATE encoder (RFC 1951: greedy LZ77 + fixed Huffman codes, stored blocks
// when that is smaller). Unlike node:zlib, whose output can change with the zlib build and CPU features,
// it gives the same bytes on every machine, so kit artifact hashes are stable everywhere.

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const MAX_CHAIN = 64;
const HASH_BITS = 15;

// Symbol -> index into the base tables, precomputed for every length 3..258 and distance 1..32768.
const LENGTH_SYMBOL = new Uint8Array(MAX_MATCH + 1);
for (let s = 0; s < LENGTH_BASE.length; s++) {
  const top = s + 1 < LENGTH_BASE.length ? LENGTH_BASE[s + 1]! : MAX_MATCH + 1;
  for (let l = LENGTH_BASE[s]!; l < top; l++) LENGTH_SYMBOL[l] = s;
}
LENGTH_SYMBOL[MAX_MATCH] = 28; // 258 has its own code (285), not 284 + 31

function distSymbol(d: number): number {
  let lo = 0;
  let hi = DIST_BASE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (DIST_BASE[mid]! <= d) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

class BitWriter {
  private buf: Uint8Array;
  private pos = 0;
  private acc = 0;
  private bits = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(64, capacity));
  }
  /** Writes `n` bits of `value`, least significant first (how DEFLATE packs extra bits and headers). */
  write(value: number, n: number): void {
    this.acc |= value << this.bits;
    this.bits += n;
    while (this.bits >= 8) {
      this.byte(this.acc & 0xff);
      this.acc >>>= 8;
      this.bits -= 8;
    }
  }
  /** Writes a Huffman code of `n` bits, most significant bit first. */
  code(code: number, n: number): void {
    let rev = 0;
    for (let i = 0; i < n; i++) rev = (rev << 1) | ((code >> i) & 1);
    this.write(rev, n);
  }
  private byte(b: number): void {
    if (this.pos === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.pos++] = b;
  }
  finish(): Uint8Array {
    if (this.bits > 0) this.byte(this.acc & 0xff);
    this.acc = 0;
    this.bits = 0;
    return this.buf.subarray(0, this.pos);
  }
}

function literal(w: BitWriter, sym: number): void {
  if (sym < 144) w.code(0x30 + sym, 8);
  else if (sym < 256) w.code(0x190 + sym - 144, 9);
  else if (sym < 280) w.code(sym - 256, 7);
  else w.code(0xc0 + sym - 280, 8);
}

function fixedHuffman(data: Uint8Array): Uint8Array {
  const w = new BitWriter(data.length + 16);
  w.write(1, 1); // BFINAL
  w.write(1, 2); // BTYPE = 01, fixed Huffman codes
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const prev = new Int32Array(WINDOW).fill(-1);
  const hash = (i: number) => (((data[i]! << 10) ^ (data[i + 1]! << 5) ^ data[i + 2]!) & ((1 << HASH_BITS) - 1));
  const insert = (i: number) => {
    if (i + MIN_MATCH > data.length) return;
    const h = hash(i);
    prev[i & (WINDOW - 1)] = head[h]!;
    head[h] = i;
  };
  let i = 0;
  while (i < data.length) {
    let bestLen = 0;
    let bestDist = 0;
    if (i + MIN_MATCH <= data.length) {
      let cand = head[hash(i)]!;
      const limit = Math.min(MAX_MATCH, data.length - i);
      for (let chain = 0; cand >= 0 && i - cand <= WINDOW && chain < MAX_CHAIN; chain++) {
        let len = 0;
        while (len < limit && data[cand + len] === data[i + len]) len++;
        if (len > bestLen) {
          bestLen = len;
          bestDist = i - cand;
          if (len === limit) break;
        }
        const next = prev[cand & (WINDOW - 1)]!;
        if (next >= cand) break; // the slot was overwritten by a newer position: chain ends
        cand = next;
      }
    }
    if (bestLen >= MIN_MATCH) {
      const ls = LENGTH_SYMBOL[bestLen]!;
      literal(w, 257 + ls);
      if (LENGTH_EXTRA[ls]) w.write(bestLen - LENGTH_BASE[ls]!, LENGTH_EXTRA[ls]!);
      const ds = distSymbol(bestDist);
      w.code(ds, 5);
      if (DIST_EXTRA[ds]) w.write(bestDist - DIST_BASE[ds]!, DIST_EXTRA[ds]!);
      for (let k = 0; k < bestLen; k++) insert(i + k);
      i += bestLen;
    } else {
      literal(w, data[i]!);
      insert(i);
      i++;
    }
  }
  literal(w, 256); // end of block
  return w.finish();
}

function stored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(data.length + blocks * 5);
  let o = 0;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const len = Math.min(65535, data.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE = 00 (byte-aligned)
    out[o++] = len & 0xff;
    out[o++] = len >> 8;
    out[o++] = ~len & 0xff;
    out[o++] = (~len >> 8) & 0xff;
    out.set(data.subarray(start, start + len), o);
    o += len;
  }
  return out;
}

/**
 * Raw DEFLATE (no zlib/gzip wrapper), identical on every machine for the same input.
 *
 * @example
 * ```ts
 * inflateRawSync(deflateRaw(bytes)); // === bytes
 * ```
 */
export function deflateRaw(data: Uint8Array): Uint8Array {
  const huff = fixedHuffman(data);
  return huff.length <= data.length + 5 * Math.max(1, Math.ceil(data.length / 65535)) ? huff : stored(data);
}
