// Softmax, log-softmax, logsumexp and friends.
export {};
