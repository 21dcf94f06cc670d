// The Python program that runs one PEP 517 / PEP 660 hook of a build backend in a subprocess: it reads
// the hook's arguments from `input.json` in a control folder and writes the outcome to `output.json`.

/**
 * Source of the hook runner (Python 3.6+, standard library only). Protocol, ours, modelled on
 * pyproject-hooks' `_in_process.py`:
 *
 * `python hook_runner.py HOOK CONTROL_DIR`, with `CONTROL_DIR/input.json` =
 * `{"backend": "pkg.mod:obj", "backend_path": [...], "kwargs": {...}}`. The runner writes
 * `CONTROL_DIR/output.json` = one of
 * - `{"kind": "ok", "value": <return value>}`
 * - `{"kind": "unsupported"}` (the backend has no such optional hook)
 * - `{"kind": "backend-unavailable", "traceback": "..."}` (importing the backend failed)
 * - `{"kind": "backend-invalid", "message": "..."}` (an in-tree backend loaded from outside backend-path)
 * - `{"kind": "error", "traceback": "..."}` (the hook raised)
 *
 * The special hook `_supported_hooks` returns the names of the hooks the backend defines. Everything
 * the backend prints goes to the runner's stdout/stderr, which the caller captures as the build log.
 */
export const HOOK_RUNNER_SOURCE = String.raw`
import io, json, os, sys, traceback
from importlib import import_module

HOOKS = ['get_requires_for_build_wheel', 'get_requires_for_build_editable',
         'prepare_metadata_for_build_wheel', 'prepare_metadata_for_build_editable',
         'build_wheel', 'build_editable', 'get_requires_for_build_sdist', 'build_sdist']

class BackendInvalid(Exception):
    pass

def contained_in(filename, directories):
    filename = os.path.normcase(os.path.abspath(filename))
    for d in directories:
        d = os.path.normcase(os.path.abspath(d))
        if os.path.commonprefix([filename, d]) == d:
            return True
    return False

def load_backend(spec, backend_path):
    if backend_path:
        extra = [os.path.abspath(p) for p in backend_path]
        sys.path[:0] = extra
    mod_path, _, obj_path = spec.partition(':')
    obj = import_module(mod_path.strip())
    if backend_path and not contained_in(getattr(obj, '__file__', '') or '', extra):
        raise BackendInvalid('backend %r was loaded from %s, not from backend-path %r' % (spec, getattr(obj, '__file__', '?'), backend_path))
    if obj_path:
        for part in obj_path.strip().split('.'):
            obj = getattr(obj, part)
    return obj

def main():
    hook, control = sys.argv[1], sys.argv[2]
    with io.open(os.path.join(control, 'input.json'), encoding='utf-8') as f:
        data = json.load(f)
    try:
        backend = load_backend(data['backend'], data.get('backend_path') or [])
    except BackendInvalid as e:
        result = {'kind': 'backend-invalid', 'message': str(e)}
    except Exception:
        result = {'kind': 'backend-unavailable', 'traceback': traceback.format_exc()}
    else:
        if hook == '_supported_hooks':
            result = {'kind': 'ok', 'value': [h for h in HOOKS if callable(getattr(backend, h, None))]}
        else:
            fn = getattr(backend, hook, None)
            if not callable(fn):
                result = {'kind': 'unsupported'}
            else:
                try:
                    result = {'kind': 'ok', 'value': fn(**data.get('kwargs', {}))}
                except Exception:
                    result = {'kind': 'error', 'traceback': traceback.format_exc()}
    sys.stdout.flush()
    sys.stderr.flush()
    with io.open(os.path.join(control, 'output.json'), 'w', encoding='utf-8') as f:
        f.write(json.dumps(result))

if __name__ == '__main__':
    main()
`;
