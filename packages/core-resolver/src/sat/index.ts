// Public API of the SAT (logic-solver) resolution backend.
export { solveSat } from './solve-sat';
export type { SatResult, SatStats, SatOptions } from './solve-sat';
