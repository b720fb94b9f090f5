// nn.loss modules (in progress).
export {};
