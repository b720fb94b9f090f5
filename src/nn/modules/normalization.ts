// nn.normalization modules (in progress).
export {};
