// @pipgrub/core-resolver: the whole public API. Each area is also importable as a subpath
// (`@pipgrub/core-resolver/pep440`, `/pep508`, `/pubgrub`, `/python`, `/sat`).
export * from './pep440/index';
export * from './pep508/index';
export * from './pubgrub/index';
export * from './python/index';
export * from './sat/index';
