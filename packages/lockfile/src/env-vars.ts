// `${VAR}` expansion in source URLs, as Pipenv does at run time (Pipfile and Pipfile.lock keep the
// unexpanded text, so credentials never land in the files; the hash is computed on the raw text).

/**
 * Python's `os.path.expandvars`: `$NAME` and `${NAME}` are replaced when set, left as written when not.
 * With `encodeCredentials`, values expanded inside the `user:password@` part of a URL are
 * percent-encoded, as Pipenv 2026 does (`expand_url_credentials`).
 * @example expandEnvVars('https://${USER}:${PASS}@pypi.example/simple', { USER: 'me', PASS: 'p@ss' }, { encodeCredentials: true })
 * // 'https://me:p%40ss@pypi.example/simple'
 */
export function expandEnvVars(
  text: string,
  env: Record<string, string | undefined> = process.env,
  options: { encodeCredentials?: boolean } = {},
): string {
  const at = options.encodeCredentials ? credentialsEnd(text) : -1;
  return text.replace(/\$(\w+)|\$\{([^}]*)\}/g, (whole, bare: string | undefined, braced: string | undefined, offset: number) => {
    const value = env[bare ?? braced ?? ''];
    if (value === undefined) return whole;
    return offset < at ? encodeURIComponent(value) : value;
  });
}

/** Offset of the `@` ending the userinfo of `scheme://user:pass@host`, or -1. */
function credentialsEnd(url: string): number {
  const m = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!m) return -1;
  const rest = url.slice(m[0].length);
  const slash = rest.search(/[/?#]/);
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const at = authority.lastIndexOf('@');
  return at < 0 ? -1 : m[0].length + at;
}
