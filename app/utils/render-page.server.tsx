import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";

/**
 * A whole page as HTML. Rendered to a string rather than streamed: react-dom 18's stream writer pads a
 * chunk with NUL bytes when a multi-byte character (every Japanese one) does not fit the rest of its
 * 2,048-byte buffer (facebook/react#24985, fixed only in React 19), and the pages here are sent whole
 * anyway — forms and tables gain nothing from streaming.
 */
export function renderPage(page: ReactElement): string {
  return `<!DOCTYPE html>${renderToString(page)}`;
}
