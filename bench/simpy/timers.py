"""`size` pending SimPy timeouts with random integer delays (µs) up to 1000 s, drained. Each is a
bare Timeout event with a callback: the cheapest way SimPy offers to wait. Prints one JSON line.
"""
import argparse
import json
import random
import resource
import time

import simpy

MAX_DELAY_US = 1_000_000_000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    env = simpy.Environment()
    delays = random.Random(f"{args.seed}/timers")
    fired = [0]

    def fire(_event):
        fired[0] += 1

    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(args.size):
        env.timeout(delays.randrange(MAX_DELAY_US)).callbacks.append(fire)
    env.run()
    wall_ms = (time.perf_counter() - start) * 1000
    print(json.dumps({
        "variant": "simpy",
        "size": args.size,
        "seed": args.seed,
        "wallMs": wall_ms,
        "cpuMs": (time.process_time() - cpu_start) * 1000,
        "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "timers": fired[0],
        "events": fired[0],
        "simpyVersion": simpy.__version__,
    }))


main()
