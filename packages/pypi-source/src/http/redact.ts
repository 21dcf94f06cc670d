// Credential redaction: every URL that reaches an error message, a log line or a lock file passes
// through here first, so passwords and tokens never leak.

/**
 * Replace the user-info part of a URL (and of any URL inside a text) with `****`.
 * @example redactUrl('https://user:s3cret@pypi.example/simple/') // 'https://****@pypi.example/simple/'
 */
export function redactUrl(url: string): string {
  return url.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^/@\s]*)@/gi, (_m, scheme: string) => `${scheme}****@`);
}

/**
 * The URL without credentials at all (for lock files and cache keys).
 * @example stripCredentials('https://user:pw@host/simple/') // 'https://host/simple/'
 */
export function stripCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return redactUrl(url);
  }
}

/** Remove known secret strings (e.g. expanded `${VAR}` values) from a message, then redact URLs. */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('****');
  return redactUrl(out);
}
