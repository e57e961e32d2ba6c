// Preloaded into the language server by the soak (node --expose-gc -r): SIGUSR2 runs a full
// garbage collection, so the heap the soak reads with perf/serverStatus is the live heap only.
process.on("SIGUSR2", () => (globalThis as { gc?: () => void }).gc?.());
