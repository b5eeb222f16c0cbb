#!/usr/bin/env python
"""Per-model loop against the batched trainer (`fit_many`), side by side in one run.

Workloads (784 inputs, 10 classes, batch 200, Adam; Fashion-MNIST when installed, random data otherwise):
  full   E spectral 784-500-10 networks, trained in full (the S first trainings of E seeds)
  prune  E spectral networks of the P retraining: widths 475, 450, ..., 25 (q = 5..95 %) repeated over seeds
For each E the per-model loop (one `fit` after another) and `fit_many` run the same epochs, alternating
(loop, batched, loop, batched, ...) --repeats times so that both see the same machine state; the table gives the
median seconds per epoch (all E networks) and, for the loop, the fastest and slowest run (a one-at-a-time 784x500
product split over the threads of a small machine is sensitive to how they are scheduled), samples/s (E x 60,000 / time),
the speed-up (ratio of the medians), its ceiling (the loop's median over the time of the batched trainer's two large
products alone, measured hot: what batching could gain if everything else took no time), and the
arithmetic rate of each (FLOP per sample: 4 per first-layer weight, forward 2 and weight gradient 2, the input needing
no gradient; 6 per later weight; the batched trainer computes its padded widths) against what one large matrix product reaches on this device in the same precision, measured in the same run.
Optionally (--sweep) times an end-to-end sweep (q = 0..95 %; by default the Fig. 3 sweep: S/P/D, 3 activations,
5 seeds, 100 + 20 epochs) batched with the default grouping, batched as one group, and one network at a time,
and checks that the three give the same accuracies.

    python benchmarks/bench_batched.py                          # CPU defaults: E = 1, 5, 10, 20
    python benchmarks/bench_batched.py --E 1,5,20,50,95 --sweep --sweep-ways grouped,one-group --cuda-graph
                                                                # on a GPU: the E table and the full Fig. 3 sweep
    python benchmarks/bench_batched.py --workloads none --sweep --sweep-subset 12000 --sweep-acts tanh \
        --sweep-methods S,P --sweep-seeds 2 --sweep-epochs 2 --sweep-retrain 2   # a CPU-sized sweep
"""
import argparse, statistics
import torch
from common import bench_data, timed
from spectral_pruning.models import mlp
from spectral_pruning.train import fit, get_device, tf32_matmul
from spectral_pruning.batched import fit_many
from spectral_pruning.sweep import sweep

def gemm_peak(dev, amp:bool, tf32:bool) -> float:
    "FLOP/s of a large square matrix product on `dev`, in the precision training uses (float32, TF32 or bfloat16)"
    n, reps = (8192, 10) if dev.type == "cuda" else (2048, 5)
    dt = torch.bfloat16 if amp else torch.float32
    a, b = torch.randn(n, n, device=dev, dtype=dt), torch.randn(n, n, device=dev, dtype=dt)
    with tf32_matmul(dev, tf32):   # as the trainers set it
        for _ in range(2): a @ b
        t = timed(lambda: [a @ b for _ in range(reps)], dev)
    return 2 * n ** 3 * reps / t

def product_floor(ws, dev, amp:bool, tf32:bool, steps:int) -> float:
    "Seconds per epoch of the batched trainer's two large products alone (first layer forward and weight gradient, as `fit_many` runs them), measured hot, fastest of 5: a floor under its epoch time"
    E, w, reps = len(ws), max(ws), 3
    dt = torch.bfloat16 if amp else torch.float32
    x, phi, g = (torch.rand(E, *s, device=dev, dtype=dt) for s in ((200, 784), (w, 784), (200, w)))
    with tf32_matmul(dev, tf32):
        for _ in range(2): torch.bmm(x, phi.mT); torch.bmm(g.mT, x)
        return min(timed(lambda: [(torch.bmm(x, phi.mT), torch.bmm(g.mT, x)) for _ in range(reps)], dev) for _ in range(5)) / reps * steps

def widths(workload, E):
    if workload == "full": return [500] * E
    levels = [500 - 25 * i for i in range(1, 20)]          # 475 ... 25
    return [levels[i % len(levels)] for i in range(E)]

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--E", default="1,5,10,20", help="numbers of networks, comma list")
    ap.add_argument("--epochs", type=int, default=1, help="epochs per timed run")
    ap.add_argument("--repeats", type=int, default=3, help="timed runs of each trainer per E (alternating); medians are reported")
    ap.add_argument("--workloads", default="full,prune")
    ap.add_argument("--device", default="auto")
    ap.add_argument("--amp", action="store_true")
    ap.add_argument("--tf32", action="store_true")
    ap.add_argument("--cuda-graph", action="store_true", help="batched trainer replays each step as a CUDA graph (the loop stays eager)")
    ap.add_argument("--sweep", action="store_true", help="also time an end-to-end sweep three ways")
    ap.add_argument("--sweep-seeds", type=int, default=5)
    ap.add_argument("--sweep-epochs", type=int, default=100)
    ap.add_argument("--sweep-retrain", type=int, default=20)
    ap.add_argument("--sweep-acts", default="relu,elu,tanh")
    ap.add_argument("--sweep-methods", default="D,S,P")
    ap.add_argument("--sweep-subset", type=int, default=None, help="training images used by the sweep (default: all)")
    ap.add_argument("--sweep-ways", default="grouped,one-group,sequential",
                    help="which of the three ways to time (the full one-at-a-time sweep takes most of an hour on a GPU)")
    args = ap.parse_args()
    dev = get_device(args.device)
    data, src = bench_data()
    name = torch.cuda.get_device_name() if dev.type == "cuda" else f"cpu, {torch.get_num_threads()} threads"
    print(f"device: {name}; torch {torch.__version__}; data: {src}; batch 200; {args.epochs} epoch(s) per run, "
          f"median of {args.repeats}; amp={args.amp}, tf32={args.tf32}, cuda_graph (batched only)={args.cuda_graph}")
    kw = dict(batch_size=200, device=dev, eval_test=False, progress=False, precision="bf16" if args.amp else "fp32", tf32=args.tf32)
    # warm-up (kernels, allocator, thread pools)
    fit(mlp([784, 500, 10], seed=0), data.subset(2000), 1, **kw); fit_many([mlp([784, 500, 10], seed=s) for s in range(2)], data.subset(2000), 1, **kw)
    workloads = [w for w in args.workloads.split(",") if w in ("full", "prune")]
    peak = gemm_peak(dev, args.amp, args.tf32) if workloads else None
    if workloads:
        print(f"large matrix product ({'bfloat16' if args.amp else 'TF32' if args.tf32 and dev.type == 'cuda' else 'float32'}): {peak / 1e12:.3f} TFLOP/s")
        print(f"{'workload':<8}{'E':>4}{'loop s/ep':>11}{'(min-max)':>13}{'batched s/ep':>14}{'speed-up':>10}{'ceiling':>9}{'loop samp/s':>13}{'batched samp/s':>16}"
              f"{'loop TFLOP/s':>14}{'batched TFLOP/s':>17}{'batched/peak':>14}")
    for wl in workloads:
        for E in (int(e) for e in args.E.split(",")):
            ws = widths(wl, E)
            loops, bats = [], []
            for _ in range(args.repeats):
                loop_models = [mlp([784, w, 10], seed=i) for i, w in enumerate(ws)]
                batch_models = [mlp([784, w, 10], seed=i) for i, w in enumerate(ws)]
                loops.append(timed(lambda: [fit(m, data, args.epochs, seed=i, **kw) for i, m in enumerate(loop_models)], dev) / args.epochs)
                bats.append(timed(lambda: fit_many(batch_models, data, args.epochs, seeds=range(E), cuda_graph=args.cuda_graph, **kw), dev) / args.epochs)
            t_loop, t_bat = statistics.median(loops), statistics.median(bats)
            floor = product_floor(ws, dev, args.amp, args.tf32, -(-len(data.x_train) // 200))
            n = len(data.x_train) * E
            f_loop = len(data.x_train) * sum(ws) * (4 * 784 + 6 * 10)          # per epoch
            f_bat = len(data.x_train) * E * max(ws) * (4 * 784 + 6 * 10)       # padded: what the batched trainer computes
            spread = f"{min(loops):.2f}-{max(loops):.2f}"
            print(f"{wl:<8}{E:>4}{t_loop:>11.3f}{spread:>13}{t_bat:>14.3f}{t_loop / t_bat:>10.2f}{t_loop / floor:>9.2f}{n / t_loop:>13,.0f}{n / t_bat:>16,.0f}"
                  f"{f_loop / t_loop / 1e12:>14.3f}{f_bat / t_bat / 1e12:>17.3f}{f_bat / t_bat / peak:>14.1%}", flush=True)
    if args.sweep:
        sdata = data.subset(args.sweep_subset) if args.sweep_subset else data
        skw = dict(hidden=[[500]], acts=args.sweep_acts.split(","), methods=args.sweep_methods.split(","), seeds=range(args.sweep_seeds),
                   epochs=args.sweep_epochs, retrain_epochs=args.sweep_retrain, device=dev, precision="bf16" if args.amp else "fp32", tf32=args.tf32, progress=False)
        graph = dict(cuda_graph=args.cuda_graph)
        print(f"sweep: {len(sdata.x_train)} training images, methods {args.sweep_methods}, acts {args.sweep_acts}, {args.sweep_seeds} seeds, "
              f"{args.sweep_epochs}+{args.sweep_retrain} epochs, q = 0..95 %")
        runs, ways = {}, args.sweep_ways.split(",")
        for way, name, extra in [("grouped", "batched (default grouping)", graph), ("one-group", "batched, one group", dict(pad_ratio=float("inf"), **graph)),
                                 ("sequential", "one at a time", dict(batched=False))]:
            if way not in ways: continue
            res = []
            t = timed(lambda: res.append(sweep(sdata, **skw, **extra)), dev)
            runs[name] = (t, res[0])
            print(f"  {name:<28}{runs[name][0]:8.1f} s", flush=True)
        if "one at a time" in runs:
            t_seq, ref = runs["one at a time"]
            for name, (t, r) in runs.items():
                gap = max(abs(a["test_acc"] - b["test_acc"]) for a, b in zip(r, ref))
                print(f"  {name:<28}{t_seq / t:5.2f}x one at a time; max |accuracy difference| {gap:.4f}")

if __name__ == "__main__": main()
