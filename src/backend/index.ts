// Registers the available backends; the pure-TypeScript one is always there.
import { registerBackend } from "./backend.js";
import { jsBackend } from "./js/index.js";

registerBackend(jsBackend);

export { backend, get_backend, set_backend, availableBackends, type Backend } from "./backend.js";
