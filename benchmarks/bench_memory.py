"""`keep_freed_memory` end to end: a slice of the Fig. 3 grid through `spectral-prune`, with it and without.

Each round runs the same command twice, once with `SPECTRAL_PRUNING_KEEP_MEMORY=0` (glibc's default: large freed
blocks go back to the operating system) and once as shipped, alternating, and prints the wall times, the medians,
and whether every run wrote the same results.csv.
The slice: tanh, one seed, S, P and D at all 20 fractions, bf16, one thread (as each process of `--jobs 2` runs).

    python benchmarks/bench_memory.py                  # 3 rounds, 2 + 1 epochs
    python benchmarks/bench_memory.py --rounds 5 --epochs 4 --retrain 2
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

def run_once(keep:bool, epochs:int, retrain:int) -> tuple[float, str]:
    "Wall seconds of the slice, and its results.csv"
    out = tempfile.mkdtemp(prefix="bench-memory-")
    env = {**os.environ, "SPECTRAL_PRUNING_KEEP_MEMORY": "1" if keep else "0"}
    for k in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"): env.pop(k, None)   # glibc's defaults for "without"
    cmd = [sys.executable, "-m", "spectral_pruning", "--dataset", "fashion-mnist", "--hidden", "500", "--act", "tanh",
           "--methods", "S,P,D", "--seeds", "1", "--epochs", str(epochs), "--retrain-epochs", str(retrain),
           "--precision", "bf16", "--device", "cpu", "--threads", "1", "--quiet", "--out", out]
    t = time.perf_counter()
    try:
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t, open(os.path.join(out, "results.csv")).read()
    finally: shutil.rmtree(out, ignore_errors=True)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=2, help="first-training epochs")
    ap.add_argument("--retrain", type=int, default=1, help="retraining epochs")
    args = ap.parse_args()
    times, results = {False: [], True: []}, set()
    for r in range(args.rounds):
        for keep in (False, True):
            secs, rows = run_once(keep, args.epochs, args.retrain)
            times[keep].append(secs); results.add(rows)
        print(f"round {r + 1}: without {times[False][-1]:.1f} s, with {times[True][-1]:.1f} s", flush=True)
    off, on = statistics.median(times[False]), statistics.median(times[True])
    print(f"median: without {off:.1f} s, with {on:.1f} s; {off / on:.2f}x; results.csv identical in every run: "
          f"{len(results) == 1}")

if __name__ == "__main__": main()
