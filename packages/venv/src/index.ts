// @pipgrub/venv: the whole public API.
export {};
