import { JSDOM } from "jsdom";
import { installSvgGeometry } from "./mermaid-geometry.js";

/** Node-only: one jsdom window per process, shared by every chart and diagram a notebook draws. */
let shared: JSDOM | null = null;

/**
 * The process's jsdom window, with approximate SVG geometry installed (see mermaid-geometry).
 *
 * @example
 * nodeWindow().document.createElement("div").tagName // 'DIV'
 */
export function nodeWindow(): JSDOM["window"] {
  if (shared === null) {
    // A non-opaque origin: code that touches window.localStorage then gets storage, not a throw.
    shared = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
      pretendToBeVisual: true,
      url: "http://localhost/",
    });
    installSvgGeometry(shared.window);
  }
  return shared.window;
}

/**
 * A `document` for Plot's `document` option and other DOM work outside a browser.
 *
 * @example
 * Plot.plot({ marks: [Plot.dot([[1, 2]])], document: nodeDocument() }).tagName // 'svg'
 */
export function nodeDocument(): Document {
  return nodeWindow().document;
}

/** Browser globals Mermaid (and DOMPurify inside it) read at import and render time. */
const MERMAID_GLOBALS = [
  "window",
  "document",
  "navigator",
  "Element",
  "HTMLElement",
  "SVGElement",
  "Node",
  "DOMParser",
  "XMLSerializer",
  "MutationObserver",
  "CSSStyleSheet",
  "getComputedStyle",
] as const;

/**
 * Makes the jsdom window look like a browser's to code that reads globals (Mermaid does).
 * Globals that already exist are left alone, so a real browser or another shim wins.
 *
 * @example
 * installBrowserGlobals();
 * typeof document.createElementNS // 'function'
 */
export function installBrowserGlobals(): void {
  const window = nodeWindow() as unknown as Record<string, unknown>;
  const global = globalThis as Record<string, unknown>;
  for (const name of MERMAID_GLOBALS) {
    if (global[name] !== undefined) continue;
    const value = name === "window" ? window : window[name];
    const bound = typeof value === "function" && name === "getComputedStyle" ? value.bind(window) : value;
    Object.defineProperty(globalThis, name, { value: bound, configurable: true, writable: true });
  }
}
