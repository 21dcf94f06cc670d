// Public API of the SAT (logic-solver) resolution backend.
export {};
