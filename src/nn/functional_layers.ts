// Functional forms of conv, pooling, normalization, embedding, bilinear and attention layers.
export {};
