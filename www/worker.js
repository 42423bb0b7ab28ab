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
//   {type: 'warm', ms, report}                 the warm-up parse is done (see WARM_UP); its report
//                                              lets the page warm its rendering code too
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

// Parsed once right after initialisation, while the official is still choosing a file: the
// parser's regexes and catalogues are built on first use (~150–400 ms in a browser), and this
// pays that before the first real document instead of during it. It touches every stage: letterhead,
// number, date, headings, figures with comparisons, a citation, a footnote, the summary, exports.
const WARM_UP = `ỦY BAN NHÂN DÂN
HUYỆN AN PHÚ
Số: 12/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Phú, ngày 05 tháng 3 năm 2024

BÁO CÁO
Kết quả thực hiện nhiệm vụ năm 2023, phương hướng năm 2024

Thực hiện Quyết định số 452/QĐ-UBND ngày 16/01/2023 của UBND tỉnh[1], UBND huyện báo cáo như sau:
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Kinh tế
Tổng sản lượng lương thực ước đạt 78.822 tấn, bằng 103,4% kế hoạch, tăng 6,7% so với năm 2022; thu ngân sách 86,27 tỷ đồng; 24/25 chỉ tiêu đạt và vượt.
2. Văn hóa - xã hội
- Tỷ lệ hộ nghèo giảm còn 1,2%.
II. HẠN CHẾ, NGUYÊN NHÂN
Một số chỉ tiêu chưa đạt do thiếu vốn.
III. NHIỆM VỤ NĂM 2024
Tập trung hoàn thành 100% kế hoạch.
[1] Về giao chỉ tiêu kế hoạch năm 2023.
Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
`;
// The OCR paths (text without diacritics, confused letters) are a second set of rules and tables.
const WARM_UP_OCR = `UY BAN NHAN DAN HUYEN AN PHU
S6: 12/BC-UBND
BAO CAO
Két qua thuc hién nhiém vu phat trién kinh té - xa hdi nam 2023
Phén I
KET QUA PHAT TRIEN KINH TE - XA HQI NAM 2023
Thuc hién Quyét dinh s6 11593/QD-UBND ngay 22 thang 12 ndm 2021 cua UBND tinh, két qua dat duoc nhu sau:
1. Linh vuc kinh té
Téng san luong luong thuc dat 78.822 tan, bang 103,4% ké hoach, ting 6,7% so voi cung ky; thu ngan sach 2,36 ty dong.
2. Van hoa - xa hoi
Ty 1é hé ngheo giam con 1,2%; 539/539 cuoc dat yéu cau.
Phén II
NHIEM VU NAM 2024
Phan dau hoan thanh 100% chi tiéu.
`;

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
      // Queued like a message: a document dropped meanwhile waits for it (it needs the same work).
      chain = chain.then(warmUp);
    },
    (err) => {
      self.postMessage({ type: 'init-error', code: 'INIT_FAILED', message: errorMessage(err) });
    },
  );
  return ready;
}

function warmUp() {
  if (broken) return;
  const t0 = performance.now();
  let report = null;
  try {
    for (const sample of [WARM_UP, WARM_UP_OCR]) {
      const r = parse(sample, { name: null, text: true, exports: true });
      report = report ?? r; // the clean sample's: the fuller report to warm the page with
    }
  } catch (err) {
    // Never expected; a trap here would break the instance exactly as a real document would.
    if (isTrap(err)) broken = true;
    return;
  }
  self.postMessage({ type: 'warm', ms: performance.now() - t0, report });
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
