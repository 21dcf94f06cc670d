// Public API of the Python resolution layer.
export {};
