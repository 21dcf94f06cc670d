// PEP 691 JSON project page parser (api-version 1.x, incl. PEP 700 `versions`/`size`/`upload-time`
// and PEP 714 `core-metadata` with the older `dist-info-metadata` keys as fallback).
import { PypiSourceError } from '../errors';
import { cleanHashes, parseMetadataAttr, resolveLink, splitHashFragment, type IndexFile, type ProjectPage } from './page';

function metadataValue(v: unknown): Record<string, string> | undefined {
  if (v === true) return {};
  if (typeof v === 'object' && v !== null) return cleanHashes(v);
  if (typeof v === 'string') return parseMetadataAttr(v);
  return undefined;
}

/**
 * Parse a PEP 691 JSON page. Throws `PypiSourceError('INVALID_INDEX_PAGE')` for non-JSON or a major
 * api-version other than 1.
 * @example parseJsonPage('{"meta":{"api-version":"1.0"},"name":"a","files":[]}', 'https://i/simple/a/')
 */
export function parseJsonPage(text: string, pageUrl: string): ProjectPage {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new PypiSourceError('INVALID_INDEX_PAGE', `${pageUrl}: response is not valid JSON`, { cause });
  }
  if (typeof doc !== 'object' || doc === null) throw new PypiSourceError('INVALID_INDEX_PAGE', `${pageUrl}: JSON page is not an object`);
  const d = doc as Record<string, unknown>;
  const meta = d['meta'] as Record<string, unknown> | undefined;
  const apiVersion = typeof meta?.['api-version'] === 'string' ? (meta['api-version'] as string) : undefined;
  if (apiVersion !== undefined && !apiVersion.startsWith('1.')) {
    throw new PypiSourceError('INVALID_INDEX_PAGE', `${pageUrl}: unsupported simple API version ${apiVersion}`, {
      hint: 'pipgrub understands PEP 691 api-version 1.x',
    });
  }
  const rawFiles = Array.isArray(d['files']) ? (d['files'] as unknown[]) : [];
  const files: IndexFile[] = [];
  for (const raw of rawFiles) {
    if (typeof raw !== 'object' || raw === null) continue;
    const f = raw as Record<string, unknown>;
    if (typeof f['url'] !== 'string' || typeof f['filename'] !== 'string') continue;
    const abs = resolveLink(f['url'], pageUrl);
    if (!abs) continue;
    const split = splitHashFragment(abs);
    const file: IndexFile = { filename: f['filename'], url: split.url, hashes: { ...split.hashes, ...cleanHashes(f['hashes']) } };
    const rp = f['requires-python'];
    if (typeof rp === 'string' && rp.trim() !== '') file.requiresPython = rp.trim();
    const y = f['yanked'];
    if (y === true) file.yanked = true;
    else if (typeof y === 'string') file.yanked = y === '' ? true : y;
    const cm = metadataValue(f['core-metadata'] ?? f['data-dist-info-metadata'] ?? f['dist-info-metadata']);
    if (cm !== undefined) file.coreMetadata = cm;
    if (typeof f['size'] === 'number') file.size = f['size'];
    if (typeof f['upload-time'] === 'string') file.uploadTime = f['upload-time'];
    files.push(file);
  }
  const versions = Array.isArray(d['versions']) ? (d['versions'] as unknown[]).filter((v): v is string => typeof v === 'string') : undefined;
  return { format: 'json', files, ...(apiVersion !== undefined ? { apiVersion } : {}), ...(versions ? { versions } : {}) };
}
