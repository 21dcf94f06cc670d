// The command line a Pipfile [scripts] entry stands for: a string (shell-split by Pipenv), or a
// table `{ call = "pkg.mod:func('arg')" }` (Pipenv runs it with python -c).

import { CliError } from '../errors';

/** Split a command string like POSIX shlex (quotes and backslashes, no expansion). */
export function shellSplit(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let has = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) current += text[++i];
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || current) out.push(current);
      current = '';
      has = false;
    } else {
      current += ch;
    }
  }
  if (quote) throw new CliError('CLI_BAD_SCRIPT', `Unterminated ${quote} quote in: ${text}`, { hint: 'Fix the quoting in the [scripts] entry.' });
  if (has || current) out.push(current);
  return out;
}

/** The argv a script entry runs (before extra arguments are appended). */
export function scriptArgv(name: string, value: unknown): string[] {
  if (typeof value === 'string') return shellSplit(value);
  if (value && typeof value === 'object' && typeof (value as { call?: unknown }).call === 'string') {
    const call = (value as { call: string }).call;
    const m = /^([\w.]+):([\w.]+)(\(.*\))?$/s.exec(call.trim());
    if (!m) throw new CliError('CLI_BAD_SCRIPT', `[scripts] ${name}: call = "${call}" is not "module:function(...)".`);
    const [, mod, fn, args] = m;
    return ['python', '-c', `import ${mod} as _m; _m.${fn}${args ?? '()'}`];
  }
  throw new CliError('CLI_BAD_SCRIPT', `[scripts] ${name} must be a string or a table with "call".`, { hint: 'e.g. test = "pytest -q"' });
}

/** How `pipgrub scripts` shows an entry. */
export function scriptCommandLine(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'call' in value) return `call: ${String((value as { call: unknown }).call)}`;
  return JSON.stringify(value);
}
