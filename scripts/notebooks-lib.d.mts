// Types of scripts/notebooks-lib.mjs for the TypeScript tests that import it.
export interface CellRun {
  index: number;
  executionCount: number;
  outputs: unknown[];
  /** Wall-clock time of the cell, for spotting slow cells (not compared, not stored). */
  durationMs: number;
}
export interface NotebookRun {
  cells: CellRun[];
  failure: { index: number; executionCount: number; error: string } | null;
}
export interface CheckResult {
  ok: boolean;
  messages: string[];
  /** The three slowest cells, e.g. "cell 27 (2.1 s)"; absent when the notebook failed. */
  slowest?: string[];
}
export interface Notebook {
  cells: { cell_type: string; source: string | string[]; outputs?: unknown[]; execution_count?: number | null }[];
  [key: string]: unknown;
}
export const root: string;
export const notebooksDir: string;
export const NOTEBOOK_TIMEOUT_MS: number;
export function listNotebooks(dir?: string): string[];
export function executeNotebook(path: string, options?: { timeoutMs?: number }): Promise<NotebookRun>;
export function withOutputs(notebook: Notebook, result: NotebookRun): Notebook;
export function normaliseMarkup(markup: string): string;
export function compareOutputs(notebook: Notebook, fresh: Notebook): string[];
export function outputsWithNaN(notebook: Notebook): string[];
export function formatNotebook(notebook: Notebook): string;
export function readNotebook(path: string): Notebook;
export function checkNotebook(path: string, options?: { timeoutMs?: number }): Promise<CheckResult>;
export function updateNotebook(path: string, options?: { timeoutMs?: number }): Promise<CheckResult>;
