// @pipgrub/pypi-source: the whole public API.
export {};
