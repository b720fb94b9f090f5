import type { Formula } from "../../autograd/node.js";

/** Declares one row of the derivatives table with the type of the state its op saves. */
export const row = <S extends object>(f: Formula<S>): Formula<S> => f;
