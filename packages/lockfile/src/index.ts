// @pipgrub/lockfile: the whole public API.
export {};
