// The lab runner: the only process that executes a learner's code, and only inside a learner
// realm (realm.ts) that can reach nothing but the arguments of its own calls. Trusted drivers,
// sim-core and the reply channel live in this process's own realm, which lab code never touches.
// It answers requests one at a time and never sees the assertions, the points or the report.

import { Socket } from "node:net";
import { resolve, sep } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { toPlain } from "./plain-data.js";
import type { Reply, Request } from "./protocol.js";
import { LearnerError, LearnerRealm } from "./realm.js";

const labDir = process.env.GRADER_LAB_DIR ?? "";
const drivers = JSON.parse(process.env.GRADER_DRIVERS ?? "[]") as string[];
const stringify = JSON.stringify;
const replies = new Socket({ fd: 3, readable: false, writable: true });
const send = (reply: Reply) => replies.write(`${stringify(reply)}\n`);

const driverModules = new Map<string, Record<string, unknown>>();
for (const driver of drivers) driverModules.set(driver, await import(pathToFileURL(driver).href));
delete process.env.GRADER_DRIVERS;

let realm: LearnerRealm | undefined;
const labModules = new Map<string, Promise<Record<string, unknown>>>();

/** A lab file that does not load (syntax error, missing file, throws at import). */
class LabLoadError extends Error {}

/** Loads a file of the lab folder once; a failure to load is remembered as it is deterministic. */
function load(file: string): Promise<Record<string, unknown>> {
  const path = resolve(labDir, file);
  if (!path.startsWith(labDir + sep)) throw new Error(`${file} is outside the lab folder`);
  let loaded = labModules.get(path);
  if (!loaded) {
    // Announcing the import lets the parent tell a hang at import from a hang in a call.
    send({ id: 0, loading: file });
    loaded = new Promise<Record<string, unknown>>((done) => {
      realm ??= new LearnerRealm(labDir);
      done(realm.load(file));
    }).then(
      (module) => {
        send({ id: 0, loaded: file });
        return module;
      },
      (error: unknown) => {
        send({ id: 0, loaded: file });
        throw new LabLoadError(`could not load ${file}: ${message(error)}`);
      },
    );
    labModules.set(path, loaded);
  }
  return loaded;
}

/** Longest error text passed on: a compiler error is a few lines, not a page of source. */
const ERROR_CHARS_MAX = 600;

function message(error: unknown): string {
  // A learner error already names what lab code threw (its own name and message).
  if (error instanceof LearnerError) return clip(error.message);
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `threw a non-error value: ${String(error)}`;
  return clip(text);
}

function clip(text: string): string {
  return text.length > ERROR_CHARS_MAX ? `${text.slice(0, ERROR_CHARS_MAX)}…` : text;
}

async function handle(request: Request): Promise<Reply> {
  let target: unknown;
  if (request.op === "call") {
    let module: Record<string, unknown>;
    try {
      module = await load(request.file);
    } catch (error) {
      return { id: request.id, ok: false, phase: "load", error: (error as Error).message };
    }
    target = module[request.exportName];
    if (typeof target !== "function") {
      const error = `${request.file} has no exported function ${request.exportName} (found ${typeof target})`;
      return { id: request.id, ok: false, phase: "load", error };
    }
  } else {
    target = driverModules.get(request.driver)?.[request.exportName];
    if (typeof target !== "function") {
      return { id: request.id, ok: false, phase: "call", error: `driver has no export ${request.exportName}` };
    }
  }
  try {
    const fn = target as (...args: unknown[]) => unknown;
    // A driver receives `load` first so it can plug the learner's policy into a scenario.
    const args = request.op === "drive" ? [{ load }, ...request.args] : request.args;
    send({ id: request.id, started: true });
    const value = await fn(...args);
    return { id: request.id, ok: true, json: stringify(toPlain(value)) };
  } catch (error) {
    if (error instanceof LabLoadError) return { id: request.id, ok: false, phase: "load", error: error.message };
    if (error instanceof LearnerError && error.kind === "oversize") {
      return { id: request.id, ok: false, phase: "oversize", error: error.message };
    }
    return { id: request.id, ok: false, phase: "call", error: message(error) };
  }
}

// A stray rejected promise or a throwing timer in lab code must not take down the answer of the
// call in progress: it is printed (the learner sees it in the output tail) and grading goes on.
process.on("unhandledRejection", (reason) => console.error(`unhandled rejection in lab code: ${message(reason)}`));
process.on("uncaughtException", (error) => console.error(`uncaught exception in lab code: ${message(error)}`));

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const request = JSON.parse(line) as Request;
  // The receipt lets the parent tell "died before this request" (retry) from "died of it".
  send({ id: request.id, received: true });
  send(await handle(request));
}
