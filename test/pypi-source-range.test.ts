// Reads a wheel's METADATA from the kit server through HTTP Range requests (tail, then the entry), and
// falls back to one full download when the server refuses ranges.
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { startIndex, type StartedIndex } from '@pipgrub/test-kit';
import { HttpTransport, openHttpRangeReader, readWheelMetadata, parseCoreMetadata } from '@pipgrub/pypi-source';

describe('wheel METADATA over HTTP Range', () => {
  let idx: StartedIndex;
  const big = new Uint8Array(400_000).map((_, i) => (i * 2654435761) >>> 24);
  beforeAll(async () => {
    idx = await startIndex({
      demo: { '1.0': { requiresDist: ['lib>=2', 'extra-dep; extra == "x"'], providesExtra: ['x'], requiresPython: '>=3.8', files: { 'demo/blob.bin': big }, compression: 'store' } },
    });
  });
  afterAll(() => idx.close());

  it('uses range requests and never downloads the whole wheel', async () => {
    const http = new HttpTransport();
    const wheel = idx.index.files.find((f) => f.kind === 'wheel')!;
    idx.resetLog();
    const { reader, mode } = await openHttpRangeReader(http, idx.url + wheel.urlPath);
    const text = await readWheelMetadata(reader, 'demo');
    const parsed = parseCoreMetadata(text);
    expect(parsed.ok && parsed.metadata.requiresDist).toEqual(['lib>=2', 'extra-dep; extra == "x"']);
    expect(mode).toBe('range');
    const log = idx.requests;
    expect(log.every((r) => r.status === 206)).toBe(true);
    expect(log.length).toBeLessThanOrEqual(2);
    const bytes = log.reduce((n, r) => n + r.bytes, 0);
    expect(bytes).toBeLessThan(wheel.size / 4);
    console.log(`range read: ${log.length} requests, ${bytes} bytes of a ${wheel.size}-byte wheel`);
    await http.close();
  });

  it('reads the entry with one more range request when it lies before the tail', async () => {
    const http = new HttpTransport();
    const wheel = idx.index.files.find((f) => f.kind === 'wheel')!;
    idx.resetLog();
    const { reader } = await openHttpRangeReader(http, idx.url + wheel.urlPath, 1024);
    expect(await readWheelMetadata(reader, 'demo', 1024)).toContain('Requires-Python: >=3.8');
    const log = idx.requests;
    expect(log.map((r) => r.status)).toEqual([206, 206]);
    const bytes = log.reduce((n, r) => n + r.bytes, 0);
    expect(bytes).toBeLessThan(4096);
    console.log(`range read with a 1 KiB tail: ${log.length} requests (${log.map((r) => r.headers['range']).join(', ')}), ${bytes} bytes`);
    await http.close();
  });

  it('falls back to a full download when the server answers 200', async () => {
    const http = new HttpTransport();
    idx.setOptions({ range: false });
    try {
      const wheel = idx.index.files.find((f) => f.kind === 'wheel')!;
      idx.resetLog();
      const { reader, mode } = await openHttpRangeReader(http, idx.url + wheel.urlPath);
      expect(mode).toBe('full');
      expect(await readWheelMetadata(reader)).toContain('Requires-Dist: lib>=2');
      expect(idx.requests).toHaveLength(1);
    } finally {
      idx.setOptions({ range: true });
      await http.close();
    }
  });
});
