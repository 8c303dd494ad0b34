// The warm-up rule every benchmark in the repository uses, re-exported so that ollama-bench.ts can
// import it with the types of warm-up.d.mts beside this file (tsup bundles the module itself).
export * from '../../bench/src/warm-up.mjs';
