// ES module entry of the Node build: the wasm-bindgen nodejs glue (CommonJS, loads the wasm
// synchronously) with the same default export as the web build, so that one piece of code works
// in both:  import init, { parse } from 'baocao'; await init(); parse(text).
import glue from './baocao.js';

export const { parse, version, compareReports, exportReport } = glue;

/** Nothing to do in Node (the wasm is already instantiated); kept for parity with the web build. */
export default async function init() {
  return glue;
}

export function initSync() {
  return glue;
}
