// The test index kit: public API shared by every package's tests and by the benchmarks.
export {};
