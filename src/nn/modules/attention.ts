// nn.attention modules (in progress).
export {};
