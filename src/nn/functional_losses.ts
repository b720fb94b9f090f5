// Functional forms of the loss functions.
export {};
