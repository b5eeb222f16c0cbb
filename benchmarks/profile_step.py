"""Where a training step's time goes: torch's profiler over one epoch, grouped into what a reader can act on.

For 784-500-10 tanh networks at batch 200 (Fashion-MNIST when installed), one epoch after a warm-up epoch, it prints
milliseconds per step and shares for: the large matrix products (at least 10 MFLOP), the small ones, the casts
between float32 and bfloat16, the optimiser step, the activation (forward and backward), the batch gather, and the
rest; and the large products' rate. Four trainings: one network trained in full (`fit`), P's first stage (`fit`,
eigenvalues only, the first layer's product computed once beforehand), and E networks together (`fit_many`).

    python benchmarks/profile_step.py                       # bf16 and fp32, one thread (as `--jobs 2` runs)
    python benchmarks/profile_step.py --precision bf16 --threads 2 --members 10
    SPECTRAL_PRUNING_KEEP_MEMORY=0 python benchmarks/profile_step.py   # glibc's default memory handling
"""
import argparse, collections
import torch
from torch.profiler import profile, ProfilerActivity
from spectral_pruning.models import mlp
from spectral_pruning.train import fit, keep_freed_memory
from spectral_pruning.batched import fit_many
from common import bench_data

GROUPS = ("large products", "small products", "casts", "optimiser", "activation", "gather", "rest")

def flop(name, shapes) -> int:
    "Multiply-adds times two of a matrix product from its input shapes"
    try:
        if name == "aten::mm": (m, k), (_, n) = shapes[:2]; return 2 * m * k * n
        if name == "aten::bmm": (e, m, k), (_, _, n) = shapes[:2]; return 2 * e * m * k * n
        if name == "aten::addmm": (m, k), (_, n) = shapes[1:3]; return 2 * m * k * n
    except (ValueError, TypeError): pass
    return 0

def group(name, shapes) -> str:
    if name in ("aten::mm", "aten::bmm", "aten::addmm"): return "large products" if flop(name, shapes) >= 10e6 else "small products"
    if name in ("aten::copy_", "aten::_to_copy"): return "casts"
    if "adam" in name.lower(): return "optimiser"
    if any(a in name for a in ("tanh", "relu", "elu", "threshold")): return "activation"
    if name in ("aten::index_select", "aten::index"): return "gather"
    return "rest"

def profile_epoch(train, steps) -> tuple[dict, float]:
    "Milliseconds per step by group, and the large products' GFLOP/s, over the second epoch of `train(on_epoch)`"
    prof = profile(activities=[ProfilerActivity.CPU], record_shapes=True)
    def on_epoch(e):
        if e == 1: prof.start()
    train(on_epoch); prof.stop()
    ms, big_flop, big_us = collections.Counter(), 0, 0.
    for ev in prof.key_averages(group_by_input_shape=True):
        if ev.key.startswith(("Optimizer.", "ProfilerStep")) or ev.key in ("_BmmT", "_BmmTBackward"): continue
        g = group(ev.key, ev.input_shapes)
        ms[g] += ev.self_cpu_time_total / 1e3 / steps
        if g == "large products": big_flop += flop(ev.key, ev.input_shapes) * ev.count; big_us += ev.self_cpu_time_total
    return ms, big_flop / big_us / 1e3 if big_us else float("nan")

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--precision", default="bf16,fp32", help="comma list of bf16, fp32")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (default 1, as each process of --jobs 2)")
    ap.add_argument("--members", type=int, default=10, help="networks trained together by fit_many")
    ap.add_argument("--samples", type=int, default=12_000, help="training samples per epoch")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    kept = keep_freed_memory()   # as `spectral-prune` runs; SPECTRAL_PRUNING_KEEP_MEMORY=0 profiles without it
    data, name = bench_data()
    data = data.subset(args.samples, 100)
    steps = -(-args.samples // 200)
    print(f"{name}, {args.samples} samples ({steps} steps of 200), 784-500-10 tanh, {args.threads} thread(s), "
          f"torch {torch.__version__}; freed memory kept: {kept}; ms per step over the second epoch")
    for p in args.precision.split(","):
        kw = dict(batch_size=200, eval_test=False, progress=False, device="cpu", precision=p)
        cases = {"one network, full": lambda cb: fit(mlp([784, 500, 10], act="tanh", seed=0), data, 2, on_epoch=cb, **kw),
                 "P's first stage": lambda cb: fit(mlp([784, 500, 10], act="tanh", train="eigenvalues", seed=0), data, 2,
                                                   on_epoch=cb, **kw),
                 f"{args.members} together, full": lambda cb: fit_many(
                     [mlp([784, 500, 10], act="tanh", seed=s) for s in range(args.members)], data, 2, on_epoch=cb, **kw)}
        print(f"\n{p}: {'':<22}" + "".join(f"{g:>16}" for g in GROUPS) + f"{'total':>10}{'large GFLOP/s':>15}")
        for label, train in cases.items():
            ms, rate = profile_epoch(train, steps)
            total = sum(ms.values())
            print(f"    {label:<24}" + "".join(f"{ms[g]:>8.2f} ({100 * ms[g] / total:>3.0f}%)" for g in GROUPS)
                  + f"{total:>10.2f}{rate:>15.0f}")

if __name__ == "__main__": main()
