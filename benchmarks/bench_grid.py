#!/usr/bin/env python
"""What the paper's Fig. 3 grid costs on this machine, per precision and way of training, projected from a slice of it.

The slice: Fashion-MNIST 784-500-10, tanh, seed 0, S, P and D at q = 0, 5, ..., 95 % (random data of the same shape
when Fashion-MNIST is not installed). Each part of the grid, the first trainings of S, D and P and P's 20 retrainings,
runs through `run_procedures` at two budgets, so that its time splits into a fixed part (set-up, P's one product of
the first layer, pruning, evaluation) and a part per epoch. The projection adds the parts up for the full grid at the
paper's settings: 3 activations x 5 seeds, 100 epochs of first training, 20 of P retraining.

Useful FLOP count each network at its real width (padding is overhead): per sample, 2 per weight forward, 2 for its
gradient, and 2 more for the input gradient of every layer but the first; P's first stage, with phi frozen, costs one
forward product of the first layer per sample, once, then only the small layers. The rate is compared with a large
matrix product in the same precision, measured in the same run.

Ways, side by side in one process (alternated --repeats times; medians):
  fp32-batched  the default before: a unit's networks trained together (`fit_many`, groups within 1.25x padding), fp32
  fp32          one network at a time (the CPU default now), fp32
  bf16          one network at a time, bfloat16 matrix products (float32 weights, optimiser state and loss)
  fp32-jobs2, bf16-jobs2   `--jobs 2`: the slice measured in two processes at once, one thread each (two units
                at a time, as the sweep runs them); the grid then takes the time of one process over two
It also times P's first stage with the first layer's product computed once (now) and step by step (before).

    python benchmarks/bench_grid.py                  # about 6 minutes on 2 CPU cores
    python benchmarks/bench_grid.py --ways bf16 --repeats 1
"""
import argparse, statistics, time
import torch
from torch import nn
from common import bench_data, timed
from bench_batched import gemm_peak
from spectral_pruning.models import mlp
from spectral_pruning.train import fit, get_device, keep_freed_memory
from spectral_pruning.procedures import run_procedures, batch_groups
from spectral_pruning.sweep import PAPER_FRACTIONS

WAYS = {"fp32-batched": dict(precision="fp32", batched=True), "fp32": dict(precision="fp32", batched=False),
        "bf16": dict(precision="bf16", batched=False), "fp32-jobs2": dict(precision="fp32", batched=False),
        "bf16-jobs2": dict(precision="bf16", batched=False)}
JOBS = {"fp32-jobs2": 2, "bf16-jobs2": 2}   # --jobs 2: two units at once, each process on one thread
GRID = dict(realisations=15, epochs=100, retrain=20)   # the paper's Fig. 3: 3 activations x 5 seeds

def flop_per_sample(sizes, first_frozen=False) -> float:
    "Training FLOP per sample of one step (see the module's docstring)"
    pairs = list(zip(sizes[:-1], sizes[1:]))
    first = 0 if first_frozen else 4 * pairs[0][0] * pairs[0][1]
    return first + sum(6 * i * o for i, o in pairs[1:])

def kept_widths(h=500): return [h - round(q * h) for q in PAPER_FRACTIONS]

def grid_flop(n:int, h:int=500, C:int=10) -> float:
    "Useful FLOP of the full grid: S, D and P first trainings, P retrainings, for every realisation"
    full = GRID["epochs"] * n * flop_per_sample([784, h, C])
    p1 = 2 * n * 784 * h + GRID["epochs"] * n * flop_per_sample([784, h, C], first_frozen=True)
    re = GRID["retrain"] * n * sum(flop_per_sample([784, k, C]) for k in kept_widths(h))
    return GRID["realisations"] * (2 * full + p1 + re)

def part(data, method, epochs, retrain, way) -> float:
    "Seconds of one method's unit of the slice"
    t = time.perf_counter()
    run_procedures(data, [500], act="tanh", methods=(method,), fractions=PAPER_FRACTIONS, epochs=epochs, retrain_epochs=retrain,
                   seeds=(0,), device="cpu", **WAYS[way])
    return time.perf_counter() - t

def measure(data, way, e, r) -> dict:
    "Fixed and per-epoch seconds of each part: S and D at e and 2e epochs, P at (e, r), (2e, r), (e, 2r)"
    s1, s2 = part(data, "S", e, r, way), part(data, "S", 2 * e, r, way)
    d1, d2 = part(data, "D", e, r, way), part(data, "D", 2 * e, r, way)
    p11, p21, p12 = part(data, "P", e, r, way), part(data, "P", 2 * e, r, way), part(data, "P", e, 2 * r, way)
    return dict(S=(s1 - (s2 - s1), (s2 - s1) / e), D=(d1 - (d2 - d1), (d2 - d1) / e),
                P1=((p21 - p11) / e), Pre=((p12 - p11) / r), Pfix=p11 - e * (p21 - p11) / e - r * (p12 - p11) / r)

def _measure_alone(args):
    "One of `--jobs` processes: one thread, its own copy of the data"
    way, e, r, subset = args
    torch.set_num_threads(1)
    data, _ = bench_data()
    if subset: data = data.subset(subset, 1000)
    part(data, "S", 1, 1, way)   # warm-up
    return measure(data, way, e, r)

def measure_jobs(way, e, r, subset) -> dict:
    "The slice in JOBS[way] processes at once; the median process's parts, each scaled by 1/jobs (units run side by side)"
    import multiprocessing
    n = JOBS[way]
    with multiprocessing.get_context("spawn").Pool(n) as pool: ms = pool.map(_measure_alone, [(way, e, r, subset)] * n)
    m = sorted(ms, key=project)[len(ms) // 2]
    return {k: (tuple(x / n for x in v) if isinstance(v, tuple) else v / n) for k, v in m.items()}

def project(m:dict) -> float:
    "Seconds of the full grid from one realisation's parts"
    E, R = GRID["epochs"], GRID["retrain"]
    one = m["S"][0] + E * m["S"][1] + m["D"][0] + E * m["D"][1] + m["Pfix"] + E * m["P1"] + R * m["Pre"]
    return GRID["realisations"] * one

def padding_overhead(way) -> float:
    "Arithmetic of the padded groups of P's retrainings over that of the networks themselves, minus one"
    if not WAYS[way]["batched"]: return 0.
    nets = [mlp([784, k, 10]) for k in kept_widths()]
    cost = lambda k: 784 * k + 10 * k
    groups = batch_groups(nets, pad_ratio=1.25)
    padded = sum(len(g) * cost(max(nets[i].sizes[1] for i in g)) for g in groups)
    return padded / sum(cost(k) for k in kept_widths()) - 1

class Plain(nn.Module):   # hides the MLP from fit's shortcut: the first layer's product computed at every step
    def __init__(self, m): super().__init__(); self.m = m
    def forward(self, x): return self.m(x)

def first_stage(data, epochs, precision) -> tuple[float, float, float]:
    "Seconds per epoch of P's first stage with the product computed once (now) and step by step, and of a full spectral training"
    kw = dict(eval_test=False, progress=False, device="cpu", precision=precision)
    now = timed(lambda: fit(mlp([784, 500, 10], act="tanh", train="eigenvalues", seed=0), data, epochs, **kw), torch.device("cpu"))
    before = timed(lambda: fit(Plain(mlp([784, 500, 10], act="tanh", train="eigenvalues", seed=0)), data, epochs, **kw), torch.device("cpu"))
    full = timed(lambda: fit(mlp([784, 500, 10], act="tanh", seed=0), data, epochs, **kw), torch.device("cpu"))
    return now / epochs, before / epochs, full / epochs

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ways", default=",".join(WAYS), help=f"comma list of {', '.join(WAYS)}")
    ap.add_argument("--epochs", type=int, default=2, help="first-training epochs of the slice (and twice that)")
    ap.add_argument("--retrain", type=int, default=1, help="retraining epochs of the slice (and twice that)")
    ap.add_argument("--repeats", type=int, default=1, help="alternating rounds over the ways; medians are reported")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's)")
    ap.add_argument("--subset", type=int, default=None, help="train on this many samples (a quick check of the script; figures then mean little)")
    args = ap.parse_args()
    if args.threads: torch.set_num_threads(args.threads)
    kept = keep_freed_memory()   # as `spectral-prune` runs (every way, so the "before" way too); =0 in the env: off
    ways = [w for w in args.ways.split(",") if w]
    data, name = bench_data()
    if args.subset: data, name = data.subset(args.subset, 1000), f"{name} ({args.subset} samples)"
    dev = get_device("cpu")
    peaks = {p: gemm_peak(dev, p == "bf16", False) for p in {WAYS[w]["precision"] for w in ways}}
    print(f"{name}; torch {torch.__version__}, {torch.get_num_threads()} threads; slice: tanh, seed 0, S/P/D, 20 fractions, "
          f"{args.epochs}/{2 * args.epochs} + {args.retrain}/{2 * args.retrain} epochs; {args.repeats} round(s); "
          f"freed memory kept: {kept}")
    for p, v in sorted(peaks.items()): print(f"large matrix product, {p}: {v / 1e12:.3f} TFLOP/s")
    part(data, "S", 1, 1, [w for w in ways if w not in JOBS][0] if any(w not in JOBS for w in ways) else "fp32")   # warm-up: first calls allocate and pick kernels
    runs = {w: [] for w in ways}
    for _ in range(args.repeats):
        for w in ways: runs[w].append(measure_jobs(w, args.epochs, args.retrain, args.subset) if w in JOBS else measure(data, w, args.epochs, args.retrain))
    flop = grid_flop(len(data.x_train))
    print(f"\nFig. 3 grid at paper settings: {flop / 1e15:.3f} PFLOP useful\n")
    print(f"{'way':<14}{'S s/ep':>8}{'D s/ep':>8}{'P1 s/ep':>9}{'P re s/ep':>11}{'fixed s':>9}{'padding':>9}{'grid min':>10}{'% of peak':>11}{'vs before':>11}")
    base = None
    for w in ways:
        med = lambda f: statistics.median(f(m) for m in runs[w])
        grid = med(project)
        base = base or (grid if w == "fp32-batched" else None)
        fixed = med(lambda m: m["S"][0] + m["D"][0] + m["Pfix"])
        rate = flop / grid / peaks[WAYS[w]["precision"]]
        print(f"{w:<14}{med(lambda m: m['S'][1]):>8.2f}{med(lambda m: m['D'][1]):>8.2f}{med(lambda m: m['P1']):>9.3f}{med(lambda m: m['Pre']):>11.2f}"
              f"{fixed:>9.1f}{100 * padding_overhead(w):>8.0f}%{grid / 60:>10.1f}{100 * rate:>10.0f}%{(base / grid if base else float('nan')):>10.2f}x")
    print("\nP's first stage (eigenvalues only), s per epoch of 784-500-10:")
    for p in sorted(peaks):
        now, before, full = first_stage(data, 3, p)
        print(f"  {p}: product once {now:.2f}, step by step {before:.2f}, full spectral training {full:.2f}; once / full = {now / full:.2f}")

if __name__ == "__main__": main()
