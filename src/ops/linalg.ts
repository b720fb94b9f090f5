// Linalg ops.
export {};
