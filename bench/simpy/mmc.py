"""M/M/c in SimPy 3, the same model as bench/lib/mmc.ts: one source process, one process per
customer, a Resource with c servers. Times in ms (SimPy's clock is a float). Prints one JSON line.
"""
import argparse
import json
import random
import resource
import time

import simpy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--servers", type=int, required=True)
    parser.add_argument("--lambda", dest="lam", type=float, required=True)
    parser.add_argument("--mu", type=float, required=True)
    args = parser.parse_args()

    env = simpy.Environment()
    server = simpy.Resource(env, capacity=args.servers)
    arrivals = random.Random(f"{args.seed}/arrivals")
    service = random.Random(f"{args.seed}/service")
    totals = {"done": 0, "sum": 0.0}

    def customer(env):
        arrived = env.now
        with server.request() as request:
            yield request
            yield env.timeout(service.expovariate(args.mu))
        totals["done"] += 1
        totals["sum"] += env.now - arrived

    def source(env):
        for _ in range(args.size):
            yield env.timeout(arrivals.expovariate(args.lam))
            env.process(customer(env))

    start = time.perf_counter()
    cpu_start = time.process_time()
    env.process(source(env))
    env.run()
    wall_ms = (time.perf_counter() - start) * 1000
    print(json.dumps({
        "variant": "simpy",
        "size": args.size,
        "seed": args.seed,
        "wallMs": wall_ms,
        "cpuMs": (time.process_time() - cpu_start) * 1000,
        "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "customers": totals["done"],
        "meanResponse": totals["sum"] / totals["done"],
        "simpyVersion": simpy.__version__,
    }))


main()
