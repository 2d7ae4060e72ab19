// Types of `/__cloud-login/env.js`, the module server-plugin.mjs serves (mapped in tsconfig.json).
/** `http://127.0.0.1:PORT` of the reference server started for this run. */
export declare const API_ORIGIN: string;
