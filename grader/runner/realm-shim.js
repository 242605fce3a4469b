// The learner side of the trust boundary, evaluated inside the learner's realm (a fresh V8
// context with SES lockdown, see realm.ts). It is trusted code that runs before any lab code and
// is hardened, so lab code cannot change it. Everything it exchanges with the host is a string:
// the host never receives an object from this realm and this realm never receives one from the
// host. Lab code itself runs in a Compartment whose only global beyond the frozen JavaScript
// built-ins is `console`.
//
// Encoded values are JSON with tags: { __grader_value: "undefined" | "NaN" | ... } for what JSON
// cannot carry, { __grader_fn: id } for a lab function the host may call back, { __grader_obj:
// id, data, methods } for a lab object with methods, { __grader_host: id, methods } for a host
// object (a random stream) whose methods lab code may call.
(bridge) => {
  const TAG = "__grader_value";
  const DEPTH_MAX = 64;
  const { stringify, parse } = JSON;
  const { keys, getPrototypeOf, freeze, defineProperty } = Object;
  const isArray = Array.isArray;
  const objectProto = Object.prototype;

  /** Lab functions and objects the host may call, by id. */
  const handles = [];
  const handleIds = new WeakMap();
  const hostProxies = new Map();
  /** Promises of lab code the host waits for, by ticket. */
  let nextTicket = 1;

  class NotPlain extends Error {}

  function describe(value) {
    if (typeof value === "symbol") return "a symbol";
    if (typeof value === "bigint") return "a bigint";
    const proto = getPrototypeOf(value);
    const name = proto?.constructor?.name;
    return typeof name === "string" && name !== "" ? `a ${name}` : "an object with a custom prototype";
  }

  function handleOf(value) {
    let id = handleIds.get(value);
    if (id === undefined) {
      id = handles.length;
      handles.push(value);
      handleIds.set(value, id);
    }
    return id;
  }

  /** A lab value as tagged JSON data; functions and objects with methods become handles. */
  function encode(value, path, depth) {
    if (depth > DEPTH_MAX) throw new NotPlain(`nested deeper than ${DEPTH_MAX} levels at ${path}`);
    if (value === undefined) return { [TAG]: "undefined" };
    if (value === null || typeof value === "boolean" || typeof value === "string") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : { [TAG]: String(value) };
    if (typeof value === "function") return { __grader_fn: handleOf(value) };
    if (isArray(value)) {
      const out = [];
      for (let i = 0; i < value.length; i++) out.push(encode(value[i], `${path}[${i}]`, depth + 1));
      return out;
    }
    if (typeof value === "object") {
      const proto = getPrototypeOf(value);
      const plain = proto === objectProto || proto === null;
      const data = {};
      const methods = [];
      if (plain) {
        for (const key of keys(value)) {
          const item = value[key];
          if (typeof item === "function") methods.push(key);
          else defineProperty(data, key, { value: encode(item, `${path}.${key}`, depth + 1), enumerable: true });
        }
      } else {
        // An instance of a lab class (a policy written as a class): its methods, its own data.
        for (let p = proto; p && p !== objectProto; p = getPrototypeOf(p)) {
          for (const key of Object.getOwnPropertyNames(p)) {
            if (key !== "constructor" && typeof value[key] === "function" && !methods.includes(key)) methods.push(key);
          }
        }
        if (methods.length === 0) throw new NotPlain(`${describe(value)} at ${path} is not plain data`);
        for (const key of keys(value)) {
          if (typeof value[key] !== "function") {
            defineProperty(data, key, { value: encode(value[key], `${path}.${key}`, depth + 1), enumerable: true });
          } else methods.push(key);
        }
      }
      if (methods.length === 0) return data;
      return { __grader_obj: handleOf(value), data, methods };
    }
    throw new NotPlain(`${describe(value)} at ${path} is not plain data (use numbers, strings, arrays, objects)`);
  }

  /** Host data as fresh lab values: nothing the host holds is shared with lab code. */
  function decode(value) {
    if (isArray(value)) return value.map(decode);
    if (value === null || typeof value !== "object") return value;
    const tag = value[TAG];
    if (typeof tag === "string" && keys(value).length === 1) {
      if (tag === "undefined") return undefined;
      return Number(tag);
    }
    if (typeof value.__grader_host === "number") return hostProxy(value.__grader_host, value.methods);
    const out = {};
    for (const key of keys(value)) {
      defineProperty(out, key, { value: decode(value[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  function encodeArgs(args) {
    const out = [];
    for (let i = 0; i < args.length; i++) out.push(encode(args[i], `argument ${i + 1}`, 0));
    return stringify(out);
  }

  /** Asks the host; its answer is a string, and an error there becomes an error here. */
  function ask(op, payload) {
    let answer;
    try {
      answer = bridge(op, payload);
    } catch {
      // Whatever the host threw stays there: lab code gets an error of its own realm.
      throw new Error("the grader could not answer (out of stack?)");
    }
    if (typeof answer !== "string") throw new Error("the grader's bridge answered without text");
    const reply = parse(answer);
    if (reply.error !== undefined) throw new Error(String(reply.error));
    return reply.value;
  }

  function hostProxy(id, methods) {
    let proxy = hostProxies.get(id);
    if (!proxy) {
      proxy = {};
      for (const name of methods) {
        proxy[name] = (...args) => decode(ask("host", stringify([id, name, parse(encodeArgs(args))])));
      }
      freeze(proxy);
      hostProxies.set(id, proxy);
    }
    return proxy;
  }

  function show(value) {
    if (typeof value === "string") return value;
    try {
      const text = stringify(value);
      return text === undefined ? String(value) : text;
    } catch {
      return String(value);
    }
  }
  const print = (...args) => {
    try {
      bridge("log", args.map(show).join(" "));
    } catch {
      // Printing is a courtesy; it never changes what lab code computes.
    }
  };
  const console = harden({ log: print, info: print, warn: print, error: print, debug: print, trace: print });

  const compartment = new Compartment({ globals: { console }, __options__: true });
  const modules = new Map();

  function errorText(error) {
    try {
      if (error instanceof Error) return `${error.name}: ${error.message}`;
      return `threw a non-error value: ${String(error)}`;
    } catch {
      return "threw a value that cannot be shown";
    }
  }

  /** Loads a lab file once (CommonJS after the host transpiled it); imports only sibling files. */
  function load(file) {
    const known = modules.get(file);
    if (known) return known.exports;
    const source = ask("source", file);
    const module = { exports: {} };
    modules.set(source.file, module);
    if (source.file !== file) modules.set(file, module);
    const require = (spec) => {
      const resolved = ask("resolve", stringify([source.file, spec]));
      return load(resolved);
    };
    const factory = compartment.evaluate(
      `(function (exports, require, module) {${source.code}\n})\n//# sourceURL=${source.file}`,
    );
    factory(module.exports, require, module);
    return module.exports;
  }

  function settle(ticket, promise) {
    const report = (text) => {
      try {
        bridge("settle", stringify([ticket, text]));
      } catch {
        // The host stopped waiting.
      }
    };
    promise.then(
      (value) => {
        try {
          report(stringify({ value: encode(value, "the resolved value", 0) }));
        } catch (error) {
          report(stringify({ error: errorText(error) }));
        }
      },
      (error) => report(stringify({ error: errorText(error) })),
    );
  }

  /** Calls a handle (or its method) with host data; answers with tagged JSON text. */
  function invoke(id, member, argsJson) {
    try {
      const target = handles[id];
      const args = decode(parse(argsJson));
      const value = member === "" ? target(...args) : target[member](...args);
      if (value !== null && typeof value === "object" && typeof value.then === "function") {
        const ticket = nextTicket++;
        settle(ticket, Promise.resolve(value));
        return stringify({ pending: ticket });
      }
      return stringify({ value: encode(value, "the returned value", 0) });
    } catch (error) {
      return stringify({ error: errorText(error) });
    }
  }

  return harden({
    load(file) {
      try {
        const exports = load(file);
        const names = [];
        for (const key of keys(exports)) names.push(key);
        return stringify({ value: encode(exports, file, 0), names });
      } catch (error) {
        modules.delete(file);
        return stringify({ error: errorText(error) });
      }
    },
    invoke,
  });
};
