// Every module that declares public entry points, imported for its declarations: what the generated
// modules (src/generated/) and scripts/gen_api.ts load before reading the signature table.
import "./backend/index.js";
import "./ops/functions.js";
import "./ops/derivatives/index.js";
import "./ops/out.js";
