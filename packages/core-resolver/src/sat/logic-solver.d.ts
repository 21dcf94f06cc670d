// Minimal typings for the parts of `logic-solver` (Meteor's MiniSat wrapper, no bundled types) used
// by the SAT backend.
declare module 'logic-solver' {
  namespace Logic {
    type Formula = string | object;
    class Solver {
      require(...f: Formula[]): void;
      forbid(...f: Formula[]): void;
      solve(): Solution | null;
      solveAssuming(f: Formula): Solution | null;
    }
    interface Solution {
      getTrueVars(): string[];
      evaluate(f: Formula): boolean;
    }
    function or(...f: Array<Formula | Formula[]>): Formula;
    function and(...f: Array<Formula | Formula[]>): Formula;
    function not(f: Formula): Formula;
    function implies(a: Formula, b: Formula): Formula;
    function atMostOne(...f: Array<Formula | Formula[]>): Formula;
  }
  const Logic: {
    Solver: new () => Logic.Solver;
    or: typeof Logic.or;
    and: typeof Logic.and;
    not: typeof Logic.not;
    implies: typeof Logic.implies;
    atMostOne: typeof Logic.atMostOne;
  };
  export default Logic;
}
