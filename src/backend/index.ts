// Registers the available backends: the pure-TypeScript one always, the native one (N-API addon with
// OpenBLAS) when it was built and loads, in which case it becomes the active backend unless
// TENSORGRAD_BACKEND=js says otherwise.
import { registerBackend } from "./backend.js";
import { jsBackend } from "./js/index.js";
import { registerNativeBackend } from "./native/register.js";

registerBackend(jsBackend);
registerNativeBackend();

export { backend, get_backend, set_backend, availableBackends, type Backend } from "./backend.js";
