// README command 1's main job until the CLI can run the sample project: build the sample index with the
// test kit, serve it on 127.0.0.1, read it over HTTP like an installer would, and print a short summary.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { JSON_TYPE, serveIndex } from '../test/kit/index';
import { buildExampleWheels } from './build-example-wheels';

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pipgrub-demo-'));
  const server = await serveIndex(dir);
  try {
    const index = buildExampleWheels(dir);
    const bytes = index.files.reduce((n, f) => n + f.size, 0);
    console.log(`sample index: ${index.projects.length} projects, ${index.files.length} files, ${(bytes / 1024).toFixed(1)} KiB`);
    console.log(`serving ${server.simpleUrl}`);

    const root = await request(server.simpleUrl, { headers: { accept: JSON_TYPE } });
    const projects = ((await root.body.json()) as { projects: { name: string }[] }).projects.map((p) => p.name);
    console.log(`GET /simple/ (PEP 691 JSON) -> ${root.statusCode}: ${projects.join(', ')}`);

    const page = await request(`${server.simpleUrl}flask/`, { headers: { accept: JSON_TYPE } });
    const flask = (await page.body.json()) as { versions: string[]; files: { filename: string; url: string; hashes: { sha256: string } }[] };
    console.log(`GET /simple/flask/ -> ${page.statusCode}: versions ${flask.versions.join(', ')}; files ${flask.files.map((f) => f.filename).join(', ')}`);

    const wheel = flask.files.find((f) => f.filename.endsWith('.whl') && f.filename.includes('3.0.3'))!;
    const url = new URL(wheel.url, `${server.simpleUrl}flask/`).href;
    const meta = await request(`${url}.metadata`);
    const requires = (await meta.body.text()).split('\n').filter((l) => l.startsWith('Requires-Dist: ')).map((l) => l.slice(15));
    console.log(`PEP 658 metadata of ${wheel.filename}: requires ${requires.join(' | ')}`);

    const body = Buffer.from(await (await request(url)).body.arrayBuffer());
    const ok = createHash('sha256').update(body).digest('hex') === wheel.hashes.sha256;
    const tail = await request(url, { headers: { range: 'bytes=-22' } });
    const eocd = Buffer.from(await tail.body.arrayBuffer());
    console.log(`download ${wheel.filename}: ${body.length} bytes, sha256 ${ok ? 'matches' : 'MISMATCH'}; Range bytes=-22 -> ${tail.statusCode} (${eocd.readUInt16LE(10)} zip entries)`);
    console.log(`${server.requests.length} requests served, ${server.requests.reduce((n, r) => n + r.bytes, 0)} bytes`);
    return ok && tail.statusCode === 206 ? 0 : 1;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
