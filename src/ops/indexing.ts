// Indexing ops.
export {};
