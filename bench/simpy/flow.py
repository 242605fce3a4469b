"""The flow benchmark in SimPy 3: client -> edge -> mid -> 3 parallel leaves, instances of 200
workers with a queue of 100, a thread held while its request waits downstream, round-robin
balancing, network delays by locality, a 100 ms timeout per attempt and one retry on another
instance (the model of bench/lib/flow-typed.ts, written the SimPy way: one process per request,
per call and per attempt). Times in ms. Prints one JSON line.
"""
import argparse
import json
import math
import random
import resource
import time

import simpy

WORKERS = 200
QUEUE_CAPACITY = 100
TIMEOUT_MS = 100.0
RETRIES = 1
Z_P99 = 2.3263478740408408


def fit(median, p99):
    mu = math.log(median)
    return mu, (math.log(p99) - mu) / Z_P99


SAME_ZONE = fit(0.25, 1)
CROSS_ZONE = fit(1, 3)
LEAF = fit(2, 20)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=1000)
    parser.add_argument("--instances", type=int, default=3)
    args = parser.parse_args()
    leaves = 3
    services = 2 + leaves
    per = args.instances
    interleaved = [0, 2, 4, 1, 3, 5]
    node = [interleaved[g % 6] for g in range(services * per)]

    env = simpy.Environment()
    workers = [simpy.Resource(env, capacity=WORKERS) for _ in range(services * per)]
    turn = {}
    load = random.Random(f"{args.seed}/load")
    network = random.Random(f"{args.seed}/network")
    service_rng = [random.Random(f"{args.seed}/service-{s}") for s in range(services)]
    stats = {"answered": 0, "ok": 0, "sum": 0.0, "attempts": 0, "in_flight": 0, "peak": 0, "area": 0.0, "last": 0.0}

    def network_ms(a, b):
        na, nb = node[a], node[b]
        if na == nb:
            return 0.0
        mu, sigma = SAME_ZONE if na >> 1 == nb >> 1 else CROSS_ZONE
        return network.lognormvariate(mu, sigma)

    def service_ms(s):
        rng = service_rng[s]
        if s == 0:
            return rng.expovariate(1 / 0.5)
        if s == 1:
            return rng.expovariate(1.0)
        return rng.lognormvariate(*LEAF)

    def handle(g):
        res = workers[g]
        if res.count >= WORKERS and len(res.queue) >= QUEUE_CAPACITY:
            return False
        with res.request() as req:
            yield req
            yield env.timeout(service_ms(g // per))
            s = g // per
            if s == 0:
                ok = yield env.process(call(g, 1))
            elif s == 1:
                calls = [env.process(call(g, 2 + leaf)) for leaf in range(leaves)]
                yield env.all_of(calls)
                ok = all(c.value for c in calls)
            else:
                ok = True
        return ok

    def attempt(caller, target):
        yield env.timeout(network_ms(caller, target))
        ok = yield env.process(handle(target))
        yield env.timeout(network_ms(target, caller))
        return ok

    def call(caller, callee):
        first = -1
        for n in range(1 + RETRIES):
            key = caller * services + callee
            k = turn.get(key, 0)
            turn[key] = k + 1
            if n == 0:
                index = first = k % per
            else:
                index = k % (per - 1)
                if index >= first:
                    index += 1
            stats["attempts"] += 1
            a = env.process(attempt(caller, callee * per + index))
            t = env.timeout(TIMEOUT_MS)
            result = yield a | t
            if a in result and a.value:
                return True
        return False

    def change_in_flight(delta):
        stats["area"] += stats["in_flight"] * (env.now - stats["last"])
        stats["last"] = env.now
        stats["in_flight"] += delta
        stats["peak"] = max(stats["peak"], stats["in_flight"])

    def request(i):
        start = env.now
        change_in_flight(1)
        ok = yield env.process(handle(i % per))
        change_in_flight(-1)
        stats["answered"] += 1
        stats["ok"] += 1 if ok else 0
        stats["sum"] += env.now - start

    def source():
        for i in range(args.size):
            env.process(request(i))
            if i + 1 < args.size:
                yield env.timeout(load.expovariate(args.rate / 1000))

    began = time.perf_counter()
    cpu_start = time.process_time()
    env.process(source())
    env.run()
    wall_ms = (time.perf_counter() - began) * 1000
    print(json.dumps({
        "variant": "simpy",
        "size": args.size,
        "seed": args.seed,
        "wallMs": wall_ms,
        "cpuMs": (time.process_time() - cpu_start) * 1000,
        "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "requests": stats["answered"],
        "ok": stats["ok"],
        "latencyMsMean": stats["sum"] / stats["answered"],
        "attemptsPerRequest": stats["attempts"] / stats["answered"],
        "inFlightMean": stats["area"] / env.now,
        "inFlightPeak": stats["peak"],
        "simulatedMs": env.now,
        "simpyVersion": simpy.__version__,
    }))


main()
