// nn.pooling modules (in progress).
export {};
