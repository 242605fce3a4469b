// Messages between a graded test (parent) and the lab runner (child). Requests travel as JSON
// lines on the child's stdin; answers as JSON lines on fd 3, which the parent reads with a size
// cap before parsing. Lab code in the child can print to stdout/stderr as it likes: the parent
// only keeps a short tail of that output as a hint, and never parses it.

/** Ask the child to call `exportName` of a lab file with plain-data arguments. */
export interface CallRequest {
  id: number;
  op: "call";
  /** File of the lab, relative to the lab folder, e.g. "budget.ts". */
  file: string;
  exportName: string;
  args: unknown[];
}

/** Ask the child to run trusted driver code with the lab's modules plugged in. */
export interface DriveRequest {
  id: number;
  op: "drive";
  /** Absolute path of a trusted driver module (test/labs/<lab>.driver.ts). */
  driver: string;
  exportName: string;
  args: unknown[];
}

export type Request = CallRequest | DriveRequest;

/** What the child answers: the value as tagged JSON text, or why there is none. */
export type Reply =
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; phase: "load" | "call" | "oversize"; error: string }
  | { id: number; received: true }
  | { id: number; started: true }
  | { id: 0; loading: string }
  | { id: 0; loaded: string };

/** Longest answer (bytes of one JSON line) the parent accepts before it stops the child. */
export const REPLY_BYTES_MAX = 1_000_000;

/** Deepest nesting of arrays and objects a returned value may have. */
export const VALUE_DEPTH_MAX = 64;

/**
 * Plain JSON cannot carry `undefined`, `NaN` or infinities, yet a learner's wrong answer often
 * is one of them, and the feedback must show it as it is. They travel as tagged objects.
 */
export const TAG = "__grader_value";
