#!/usr/bin/env python
"""Does `torch.compile` pay for the batched training step? Eager against compiled, side by side in one run.

E spectral 784-500-10 networks stacked in a `BatchedMLP`, one Adam step per batch of 200 (random data of
Fashion-MNIST's shape). The compiled variant compiles the forward pass (and with it the backward); on CUDA in mode
'reduce-overhead' (CUDA graphs). Prints the compile time and the median time per step of alternating timed runs.
`fit_many` offers `cuda_graph=True` instead: a graph captured in milliseconds, without compiling once per shape.

    python benchmarks/bench_compile.py [--E 10] [--steps 60] [--repeats 3] [--device cpu]
"""
import argparse, statistics, time
import torch
import torch.nn.functional as F
from common import sync
from spectral_pruning.models import mlp
from spectral_pruning.batched import BatchedMLP
from spectral_pruning.train import adam_optimizer, get_device

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--E", type=int, default=10)
    ap.add_argument("--steps", type=int, default=60, help="steps per timed run")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--device", default="auto")
    args = ap.parse_args()
    dev, E = get_device(args.device), args.E
    g = torch.Generator().manual_seed(0)
    x, y = torch.rand(60_000, 784, generator=g).to(dev), torch.randint(0, 10, (60_000,), generator=g).to(dev)
    idxs = [torch.randint(0, 60_000, (E, 200), generator=g).to(dev) for _ in range(args.steps)]
    bm = BatchedMLP([mlp([784, 500, 10], seed=i) for i in range(E)]).to(dev)
    opt = adam_optimizer(bm.parameters(), 1e-3)
    def stepper(fwd):
        def step(idx):
            out = fwd(x[idx])
            loss = F.cross_entropy(out.reshape(-1, 10), y[idx].reshape(-1), reduction="none").view(E, -1).mean(1).sum()
            opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
        return step
    eager = stepper(bm)
    t = time.perf_counter()
    compiled = stepper(torch.compile(bm, mode="reduce-overhead" if dev.type == "cuda" else None))
    for i in range(3): compiled(idxs[i])
    sync(dev); print(f"device {dev}, {torch.get_num_threads()} threads, torch {torch.__version__}, E={E}: compile and 3 warm-up steps {time.perf_counter() - t:.1f} s")
    times = {"eager": [], "compiled": []}
    for _ in range(args.repeats):
        for name, step in (("eager", eager), ("compiled", compiled)):
            sync(dev); t = time.perf_counter()
            for idx in idxs: step(idx)
            sync(dev); times[name].append((time.perf_counter() - t) / len(idxs))
    for name, ts in times.items(): print(f"{name:<9} {statistics.median(ts) * 1e3:8.2f} ms per step (median of {args.repeats})")

if __name__ == "__main__": main()
