// The Python program run once per interpreter to describe it: version, implementation, marker
// environment, sysconfig layout of a virtual environment, ABI facts for wheel tags. Runs on 2.7 too.

/** Placeholder base directory substituted into sysconfig paths so they can be re-rooted in TypeScript. */
export const BASE_PLACEHOLDER = '/@@PIPGRUB_BASE@@';

export const QUERY_SCRIPT = String.raw`
import json, os, platform, sys, sysconfig
B = ${JSON.stringify(BASE_PLACEHOLDER)}
impl = getattr(sys, 'implementation', None)
impl_name = impl.name if impl else platform.python_implementation().lower()
def fmt_impl(v):
    s = '%d.%d.%d' % (v[0], v[1], v[2])
    if v[3] != 'final':
        s += v[3][0] + str(v[4])
    return s
impl_version = fmt_impl(impl.version) if impl else '0'
names = sysconfig.get_scheme_names()
if 'venv' in names:
    scheme = 'venv'
elif os.name == 'nt':
    scheme = 'nt'
else:
    scheme = 'posix_prefix'
vars = {'base': B, 'platbase': B, 'installed_base': B, 'installed_platbase': B, 'userbase': B}
paths = sysconfig.get_paths(scheme=scheme, vars=vars)
glibc = None
try:
    glibc = os.confstr('CS_GNU_LIBC_VERSION')
except (AttributeError, ValueError, OSError):
    pass
cv = sysconfig.get_config_var
out = {
    'executable': sys.executable,
    'baseExecutable': getattr(sys, '_base_executable', None) or sys.executable,
    'prefix': sys.prefix,
    'basePrefix': getattr(sys, 'base_prefix', getattr(sys, 'real_prefix', sys.prefix)),
    'version': list(sys.version_info[:3]),
    'releaseLevel': sys.version_info[3],
    'implementation': impl_name,
    'pointerBits': 64 if sys.maxsize > 2**32 else 32,
    'stdlib': sysconfig.get_path('stdlib'),
    'scheme': {
        'purelib': paths['purelib'], 'platlib': paths['platlib'], 'scripts': paths['scripts'],
        'include': paths['include'], 'data': paths['data'],
    },
    'platform': sysconfig.get_platform(),
    'soabi': cv('SOABI'),
    'extSuffix': cv('EXT_SUFFIX') or cv('SO'),
    'gilDisabled': bool(cv('Py_GIL_DISABLED')),
    'debug': bool(cv('Py_DEBUG')),
    'glibc': glibc,
    'markers': {
        'implementation_name': impl_name,
        'implementation_version': impl_version,
        'os_name': os.name,
        'platform_machine': platform.machine(),
        'platform_python_implementation': platform.python_implementation(),
        'platform_release': platform.release(),
        'platform_system': platform.system(),
        'platform_version': platform.version(),
        'python_full_version': platform.python_version(),
        'python_version': '.'.join(platform.python_version_tuple()[:2]),
        'sys_platform': sys.platform,
    },
}
sys.stdout.write(json.dumps(out))
`;
