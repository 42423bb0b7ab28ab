export * from './baocao.js';
/** No-op in Node (the wasm is instantiated when the module loads); parity with the web build. */
export default function init(_?: unknown): Promise<unknown>;
export function initSync(_?: unknown): unknown;
