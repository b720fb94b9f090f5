// glibc's double log lives with the other libm ports in the backend (src/backend/js/glibc_log.ts).
export { glibcLog } from "../backend/js/glibc_log.js";
