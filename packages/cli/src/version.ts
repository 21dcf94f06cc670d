// The pipgrub version, printed by `--version` and `--support`, kept in step with package.json.
export const VERSION = '0.1.0';
