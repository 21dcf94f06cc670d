// Console and GUI script launchers: entry_points.txt parsing, pip's versioned-name special cases for
// pip/setuptools, and launcher text byte-identical to what pip (distlib) generates.

/** One `name = module:attr [extras]` entry point. */
export interface ScriptEntryPoint {
  name: string;
  module: string;
  /** Dotted attribute path, e.g. `cli.main`; empty when the entry names a module only. */
  attr: string;
  gui: boolean;
}

/**
 * Parse the `[console_scripts]` and `[gui_scripts]` sections of entry_points.txt.
 * @example parseEntryPoints('[console_scripts]\nfoo = foo.cli:main\n')[0].module // 'foo.cli'
 */
export function parseEntryPoints(text: string): ScriptEntryPoint[] {
  const out: ScriptEntryPoint[] = [];
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      section = sec[1]!.trim();
      continue;
    }
    if (section !== 'console_scripts' && section !== 'gui_scripts') continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const name = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).replace(/\[.*\]\s*$/, '').trim();
    const colon = value.indexOf(':');
    out.push({
      name,
      module: (colon < 0 ? value : value.slice(0, colon)).trim(),
      attr: colon < 0 ? '' : value.slice(colon + 1).trim(),
      gui: section === 'gui_scripts',
    });
  }
  return out;
}

/**
 * pip's rewrite of pip's and setuptools' versioned console scripts (`pip3.11`, `easy_install-3.11`)
 * for the target interpreter, so wheels built elsewhere get the right names.
 */
export function adjustVersionedScripts(eps: ScriptEntryPoint[], pythonVersion: [number, number]): ScriptEntryPoint[] {
  const [major, minor] = pythonVersion;
  const consoles = eps.filter((e) => !e.gui);
  const guis = eps.filter((e) => e.gui);
  const out: ScriptEntryPoint[] = [];
  const pip = consoles.find((e) => e.name === 'pip');
  let rest = consoles;
  if (pip) {
    out.push(pip, { ...pip, name: `pip${major}` }, { ...pip, name: `pip${major}.${minor}` });
    rest = rest.filter((e) => !/^pip(\d+(\.\d+)?)?$/.test(e.name));
  }
  const easy = rest.find((e) => e.name === 'easy_install');
  if (easy) {
    out.push(easy, { ...easy, name: `easy_install-${major}.${minor}` });
    rest = rest.filter((e) => !/^easy_install(-\d+\.\d+)?$/.test(e.name));
  }
  return [...out, ...rest, ...guis];
}

/**
 * The shebang line distlib writes for an interpreter path: plain when short and space-free, else the
 * `/bin/sh` re-exec trick (Linux limits shebangs to 127 bytes).
 */
export function shebang(python: string): string {
  const quoted = python.includes(' ') ? `"${python}"` : python;
  const max = process.platform === 'darwin' ? 512 : 127;
  const simple = process.platform === 'win32' || (!quoted.includes(' ') && Buffer.byteLength(quoted) + 3 <= max);
  if (simple) return `#!${quoted}\n`;
  return `#!/bin/sh\n'''exec' ${quoted} "$0" "$@"\n' '''\n`;
}

/**
 * Text of a launcher script, identical to pip's.
 * @example launcherScript('/venv/bin/python', { name: 'foo', module: 'foo.cli', attr: 'main', gui: false })
 */
export function launcherScript(python: string, ep: ScriptEntryPoint): string {
  const importName = ep.attr.split('.')[0] ?? '';
  return (
    shebang(python) +
    `# -*- coding: utf-8 -*-\n` +
    `import re\n` +
    `import sys\n` +
    `from ${ep.module} import ${importName}\n` +
    `if __name__ == '__main__':\n` +
    `    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n` +
    `    sys.exit(${ep.attr}())\n`
  );
}
