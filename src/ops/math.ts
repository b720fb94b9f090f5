// Further elementwise math ops (issue #3).
export {};
