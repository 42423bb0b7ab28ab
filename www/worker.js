// baocao parser worker (module worker).
//
// Protocol (main → worker):
//   {init: Uint8Array|ArrayBuffer|WebAssembly.Module|null}   optional, before the first parse;
//                                   bytes = instantiate from them (single-file build),
//                                   null/absent = default init() (fetches ./pkg/baocao_bg.wasm)
//   {id, name, bytes: ArrayBuffer}  parse a file; the core detects the encoding itself
//   {id, name, text: string}        parse pasted text
// Protocol (worker → main):
//   {type: 'ready', version}                   wasm initialised
//   {type: 'init-error', code, message}        wasm could not be initialised
//   {id, ok: true, report, ms}                 parsed
//   {id, ok: false, code, message}             unreadable input (code from the core), or
//                                              INTERNAL (Rust panic / wasm trap: the instance
//                                              must not be reused, the page replaces this worker),
//                                              or INIT_FAILED.
//
// The single-file build (scripts/build-single.mjs) replaces the import line below with the
// wasm-bindgen glue itself, so this file must keep using exactly `init`, `parse` and `version`.
import init, { parse, version, compareReports } from './pkg/baocao.js';

let ready = null; // Promise<void> once initialisation started
let broken = false; // set after a trap: refuse further work

function startInit(source) {
  if (ready) return ready;
  ready = (async () => {
    if (source) {
      await init({ module_or_path: source });
    } else {
      await init();
    }
  })();
  ready.then(
    () => {
      let v = null;
      try {
        v = version();
      } catch {
        /* version() is optional for the UI */
      }
      self.postMessage({ type: 'ready', version: v });
    },
    (err) => {
      self.postMessage({ type: 'init-error', code: 'INIT_FAILED', message: errorMessage(err) });
    },
  );
  return ready;
}

function errorMessage(err) {
  if (err == null) return 'Lỗi không xác định';
  if (typeof err === 'string') return err;
  if (typeof err.message === 'string' && err.message) return err.message;
  try {
    return String(err);
  } catch {
    return 'Lỗi không xác định';
  }
}

function isTrap(err) {
  // A Rust panic arrives as an Error with code INTERNAL (the core's panic hook); any other wasm
  // trap as a RuntimeError or an error without a code. Either way this instance is done.
  if (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) return true;
  return !(err && typeof err.code === 'string' && err.code) || err.code === 'INTERNAL';
}

async function handleParse(msg) {
  const { id, name } = msg;
  if (broken) {
    self.postMessage({ id, ok: false, code: 'INTERNAL', message: 'Bộ phân tích đã gặp lỗi nội bộ trước đó.' });
    return;
  }
  try {
    await startInit(null);
  } catch (err) {
    self.postMessage({ id, ok: false, code: 'INIT_FAILED', message: errorMessage(err) });
    return;
  }
  const input = typeof msg.text === 'string' ? msg.text : new Uint8Array(msg.bytes);
  const t0 = performance.now();
  let report;
  try {
    // Pasted text has no file name: source.name stays null rather than an invented one.
    report = parse(input, { name: typeof name === 'string' && name ? name : null, text: true, exports: true });
  } catch (err) {
    if (isTrap(err)) {
      broken = true;
      self.postMessage({ id, ok: false, code: 'INTERNAL', message: `Lỗi nội bộ của bộ phân tích: ${errorMessage(err)}` });
    } else {
      self.postMessage({ id, ok: false, code: err.code, message: errorMessage(err) });
    }
    return;
  }
  // The report is already plain JSON data (the core hands over JSON.parse output).
  self.postMessage({ id, ok: true, report, ms: performance.now() - t0 });
}

// Comparison of several parsed reports' figures (the page sends { name, figures } of each).
async function handleCompare(msg) {
  const { seq } = msg;
  try {
    await startInit(null);
    const table = compareReports(msg.items, 'json');
    const csv = compareReports(msg.items, 'csv');
    self.postMessage({ type: 'compare', seq, ok: true, table, csv });
  } catch (err) {
    self.postMessage({ type: 'compare', seq, ok: false, code: err?.code || 'INTERNAL', message: errorMessage(err) });
  }
}

// Messages are handled strictly one after another, in arrival order.
let chain = Promise.resolve();
self.addEventListener('message', (event) => {
  const msg = event.data || {};
  chain = chain.then(async () => {
    if (Object.prototype.hasOwnProperty.call(msg, 'init') && msg.id === undefined) {
      try {
        await startInit(msg.init || null);
      } catch {
        /* reported through the init-error message */
      }
      return;
    }
    if (msg.type === 'compare') {
      await handleCompare(msg);
      return;
    }
    if (msg.id === undefined) return;
    await handleParse(msg);
  });
});
