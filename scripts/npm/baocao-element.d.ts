import type { Report } from '../web/baocao.js';

/**
 * <baocao-report src="report.json" lang="vi|en" no-stats>: summary card + outline of a Report,
 * in shadow DOM. Events: `baocao-render` ({sections}), `baocao-error` ({message}).
 */
export declare class BaocaoReport extends HTMLElement {
  report: Report | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'baocao-report': BaocaoReport;
  }
}
