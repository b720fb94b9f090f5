// nn.conv modules (in progress).
export {};
