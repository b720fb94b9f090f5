// nn.embedding modules (in progress).
export {};
