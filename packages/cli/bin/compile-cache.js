// V8 code cache for the bundled CLI on Node versions without `module.enableCompileCache()` (< 22.1):
// each dist/*.cjs file is compiled with the bytecode a previous run stored, which halves start-up work.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const crypto = require('node:crypto');

/**
 * Where the cache lives: `NODE_COMPILE_CACHE` (Node's own variable) or `<tmpdir>/pipgrub-compile-cache`,
 * as Node's built-in cache does; one folder per Node version, so bytecode is never offered to another V8.
 */
function cacheDir() {
  const root = process.env.NODE_COMPILE_CACHE || path.join(os.tmpdir(), 'pipgrub-compile-cache');
  const uid = typeof process.getuid === 'function' ? `-${process.getuid()}` : '';
  return path.join(root, `${process.version}-${process.arch}${uid}`);
}

/** Write `data` to `file` through a temp file and a rename, so a reader never sees half a cache. */
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
  }
}

/**
 * Compile the CommonJS files under `distDir` with a V8 code cache. Uses Node's built-in cache when it
 * exists; does nothing when `NODE_DISABLE_COMPILE_CACHE` or `PIPGRUB_NO_COMPILE_CACHE` is set. A cache
 * that cannot be read or written (read-only tmp, rejected bytecode) only costs the normal compile.
 * @example require('./compile-cache.js').enable(path.join(__dirname, '../dist'));
 */
function enable(distDir) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || process.env.PIPGRUB_NO_COMPILE_CACHE) return;
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache();
    return;
  }
  const dir = cacheDir();
  const prefix = distDir.endsWith(path.sep) ? distDir : distDir + path.sep;
  /** Scripts compiled without usable bytecode: their cache is written at exit, after they ran. */
  const pending = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (!filename.startsWith(prefix)) return compile.call(this, content, filename);
    // Keyed by path and content: V8 itself only checks the source length before trusting bytecode.
    const key = crypto.createHash('sha1').update(filename).update('\0').update(content).digest('hex');
    const file = path.join(dir, key);
    let cachedData;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true });
    const require = (id) => this.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
    require.cache = Module._cache;
    require.main = process.mainModule;
    return wrapper.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    if (pending.length === 0) return;
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch {
      return;
    }
    // Created after the run, the bytecode includes every function this run compiled lazily.
    for (const { script, file } of pending) writeAtomic(file, script.createCachedData());
  });
}

module.exports = { enable };
