// Public API of PEP 440: versions, specifiers and version ranges.
export {};
