// The host side of the trust boundary inside the lab runner. Lab code runs in a realm of its own
// (a fresh V8 context, no Node APIs, SES lockdown, a Compartment whose only extra global is
// `console`); the driver, sim-core and the reply channel stay in the runner's own realm. The two
// exchange strings only (see realm-shim.js): arguments are copied in, answers are copied out and
// validated, so lab code can reach nothing but the arguments of its own calls.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import vm from "node:vm";
import { LabSources } from "./lab-sources.js";
import { REPLY_BYTES_MAX, TAG, VALUE_DEPTH_MAX } from "./protocol.js";

const require = createRequire(import.meta.url);
// The package's own bundle, a script that defines `lockdown`, `harden` and `Compartment`.
const SES = readFileSync(join(dirname(require.resolve("ses")), "ses.umd.min.js"), "utf8");
const SHIM = readFileSync(new URL("./realm-shim.js", import.meta.url), "utf8");

/** A lab call that threw, or whose answer was refused (lab code sees no difference). */
export class LearnerError extends Error {
  constructor(
    message: string,
    readonly kind: "call" | "oversize" = "call",
  ) {
    super(message);
    this.name = "LearnerError";
  }
}

interface ShimApi {
  load(file: string): string;
  invoke(id: number, member: string, argsJson: string): string;
}

type Answer = { value?: unknown; error?: string; pending?: number };

/** Host objects (random streams) lab code may call, and their methods. */
function methodsOf(value: object): string[] {
  const names: string[] = [];
  for (let p = Object.getPrototypeOf(value); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const key of Object.getOwnPropertyNames(p)) {
      if (key !== "constructor" && typeof (value as Record<string, unknown>)[key] === "function") names.push(key);
    }
  }
  return names;
}

/**
 * One learner realm per lab folder. `load(file)` returns the file's exports as host functions
 * and data; calling one crosses into the realm synchronously (or returns a promise when lab code
 * returned one).
 *
 * @example
 * const { mean } = new LearnerRealm("/ws/labs/fx-stats").load("stats.ts"); mean([1, 2]) // 1.5
 */
export class LearnerRealm {
  private readonly api: ShimApi;
  private readonly hostObjects: object[] = [];
  private readonly hostIds = new Map<object, number>();
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  private readonly facades = new Map<number, unknown>();
  private readonly files: LabSources;

  constructor(
    labDir: string,
    private readonly print: (text: string) => void = (text) => process.stderr.write(`${text}\n`),
  ) {
    // No WebAssembly: its memory lives outside the heap cap. Strings stay on: SES needs them
    // to build the Compartment's evaluators.
    this.files = new LabSources(labDir);
    const context = vm.createContext({}, { codeGeneration: { strings: true, wasm: false } });
    vm.runInContext(SES, context, { filename: "ses.umd.min.js" });
    vm.runInContext(
      // Tamed errors: no V8 stack API (prepareStackTrace) that could hand out frames of the host.
      'lockdown({ errorTaming: "safe", stackFiltering: "concise", overrideTaming: "moderate", consoleTaming: "unsafe", evalTaming: "safe-eval", domainTaming: "unsafe" })',
      context,
    );
    const makeShim = vm.runInContext(SHIM, context, { filename: "realm-shim.js" }) as (
      bridge: (op: string, payload: string) => string,
    ) => ShimApi;
    this.api = makeShim((op, payload) => this.bridge(String(op), String(payload)));
  }

  /** What lab code may ask the host: every answer is a string, and the host never throws. */
  private bridge(op: string, payload: string): string {
    try {
      if (op === "log") {
        this.print(payload.slice(0, 2000));
        return "{}";
      }
      if (op === "source") return JSON.stringify({ value: this.files.source(payload) });
      if (op === "resolve") {
        const [from, spec] = JSON.parse(payload) as [string, string];
        return JSON.stringify({ value: this.files.resolveImport(String(from), String(spec)) });
      }
      if (op === "host") {
        const [id, method, args] = JSON.parse(payload) as [number, string, unknown[]];
        const target = this.hostObjects[id] as Record<string, (...a: unknown[]) => unknown> | undefined;
        if (!target || !methodsOf(target).includes(method)) throw new Error(`no method ${method}`);
        const value = target[method]!(...(this.fromRealm(args) as unknown[]));
        return JSON.stringify({ value: this.toRealm(value, "$", 0) });
      }
      if (op === "settle") {
        const [ticket, text] = JSON.parse(payload) as [number, string];
        this.waiting.get(ticket)?.(this.parseAnswer(text));
        this.waiting.delete(ticket);
        return "{}";
      }
      return JSON.stringify({ error: `unknown request ${op}` });
    } catch (error) {
      return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  /**
   * Calls into the shim. The shim answers every call with text; should something of the realm
   * still be thrown (a stack overflow inside the shim itself), it is dropped unread.
   */
  private cross(call: () => string): string {
    try {
      return call();
    } catch {
      throw new LearnerError("lab code failed in a way that cannot be shown (a stack overflow?)");
    }
  }

  private parseAnswer(text: unknown): Answer {
    if (typeof text !== "string") throw new LearnerError("the learner realm answered without text");
    if (text.length > REPLY_BYTES_MAX) {
      throw new LearnerError(`returned more than ${REPLY_BYTES_MAX} bytes of data`, "oversize");
    }
    return JSON.parse(text) as Answer;
  }

  /** Host data as realm data: copied; host objects with methods become handles. */
  private toRealm(value: unknown, path: string, depth: number): unknown {
    if (depth > VALUE_DEPTH_MAX) throw new LearnerError(`nested deeper than ${VALUE_DEPTH_MAX} levels at ${path}`);
    if (value === undefined) return { [TAG]: "undefined" };
    if (value === null || typeof value === "boolean" || typeof value === "string") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : { [TAG]: String(value) };
    if (Array.isArray(value)) return value.map((item, i) => this.toRealm(item, `${path}[${i}]`, depth + 1));
    if (typeof value === "object") {
      const proto = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
          const item = (value as Record<string, unknown>)[key];
          if (typeof item !== "function") out[key] = this.toRealm(item, `${path}.${key}`, depth + 1);
        }
        return out;
      }
      let id = this.hostIds.get(value);
      if (id === undefined) {
        id = this.hostObjects.push(value) - 1;
        this.hostIds.set(value, id);
      }
      return { __grader_host: id, methods: methodsOf(value) };
    }
    throw new LearnerError(`${typeof value} at ${path} cannot be passed to lab code`);
  }

  /** Realm data as host values: plain data, and host functions that call back into the realm. */
  private fromRealm(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.fromRealm(item));
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === TAG) {
      const tag = record[TAG];
      return tag === "undefined" ? undefined : Number(tag);
    }
    if (typeof record.__grader_fn === "number") return this.facade(record.__grader_fn, []);
    if (typeof record.__grader_obj === "number") {
      return this.facade(record.__grader_obj, record.methods as string[], record.data);
    }
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a key named "__proto__" must stay data, not a prototype.
    for (const key of keys) {
      Object.defineProperty(out, key, {
        value: this.fromRealm(record[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  private facade(id: number, methods: string[], data?: unknown): unknown {
    const known = this.facades.get(id);
    if (known !== undefined && data === undefined) return known;
    const callOf =
      (member: string) =>
      (...args: unknown[]) =>
        this.invoke(id, member, args);
    let made: unknown;
    if (methods.length === 0 && data === undefined) made = callOf("");
    else {
      const object = (this.fromRealm(data ?? {}) as Record<string, unknown>) ?? {};
      for (const name of methods) {
        if (typeof name === "string") Object.defineProperty(object, name, { value: callOf(name), enumerable: true });
      }
      made = object;
    }
    this.facades.set(id, made);
    return made;
  }

  private invoke(id: number, member: string, args: unknown[]): unknown {
    const argsJson = JSON.stringify(args.map((arg, i) => this.toRealm(arg, `argument ${i + 1}`, 0)));
    const answer = this.parseAnswer(this.cross(() => this.api.invoke(id, member, argsJson)));
    if (answer.pending !== undefined) {
      const ticket = answer.pending;
      return new Promise((resolvePromise, reject) => {
        this.waiting.set(ticket, (settled) => {
          if (settled.error !== undefined) reject(new LearnerError(String(settled.error)));
          else resolvePromise(this.fromRealm(settled.value));
        });
      });
    }
    if (answer.error !== undefined) throw new LearnerError(String(answer.error));
    return this.fromRealm(answer.value);
  }

  /** The exports of a lab file: functions call into the realm, everything else is a copy. */
  load(file: string): Record<string, unknown> {
    const answer = this.parseAnswer(this.cross(() => this.api.load(file)));
    if (answer.error !== undefined) throw new LearnerError(String(answer.error));
    const exports = this.fromRealm(answer.value);
    return (exports !== null && typeof exports === "object" ? exports : {}) as Record<string, unknown>;
  }
}
