#!/usr/bin/env python
"""Time per epoch of `spectral_pruning.fit` against a bare PyTorch loop doing the same work.

Both train 784-500-10 (ReLU, batch 200, Adam) on 60,000 samples: Fashion-MNIST when installed,
random data of the same shape otherwise. The bare loop is the shortest correct loop: shuffled
index slices, forward, cross-entropy, backward, (fused) Adam step, nothing else. `fit` adds its
bookkeeping (loss and accuracy sums on the device, one read per epoch). Runs alternate
(fit, bare, fit, bare, ...) so that both see the same machine state; medians are reported.

    python benchmarks/bench_fit.py [--epochs 3] [--repeats 5] [--device cpu]
"""
import argparse, statistics, time
import torch
from common import bench_data, sync, timed
import torch.nn.functional as F
from spectral_pruning.models import mlp
from spectral_pruning.train import fit, get_device

def bare_epoch(model, x, y, opt, batch_size, gen):
    "One epoch of the plainest loop: no bookkeeping at all"
    perm = torch.randperm(len(x), generator=gen, device=x.device)
    for i in range(0, len(x), batch_size):
        idx = perm[i:i + batch_size]
        loss = F.cross_entropy(model(x.index_select(0, idx)), y.index_select(0, idx))   # the gather `fit` uses
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=2, help="epochs per timed run")
    ap.add_argument("--repeats", type=int, default=5, help="timed runs of each loop (alternating)")
    ap.add_argument("--device", default="auto")
    args = ap.parse_args()
    dev = get_device(args.device)
    data, src = bench_data()
    print(f"device {dev}, {torch.get_num_threads()} threads, torch {torch.__version__}, data: {src}, "
          f"784-500-10 ReLU, batch 200, {args.epochs} epochs x {args.repeats} runs each")
    x, y = data.x_train.to(dev), data.y_train.to(dev)
    rows = {}
    for kind, kw in [("spectral full", dict(kind="spectral")), ("spectral eigenvalues", dict(kind="spectral", train="eigenvalues")), ("direct", dict(kind="direct"))]:
        t_fit, t_bare = [], []
        for r in range(args.repeats + 1):   # the first of each is a warm-up
            m = mlp([784, 500, 10], seed=r, **kw)
            sync(dev); t0 = time.perf_counter()
            fit(m, data, args.epochs, eval_test=False, progress=False, device=dev, seed=r)
            sync(dev); t1 = time.perf_counter()
            m = mlp([784, 500, 10], seed=r, **kw).to(dev)
            opt = torch.optim.Adam([p for p in m.parameters() if p.requires_grad], lr=1e-3, eps=1e-7, fused=True)   # as `fit`
            gen = torch.Generator(device=dev).manual_seed(r)
            sync(dev); t2 = time.perf_counter()
            for _ in range(args.epochs): bare_epoch(m, x, y, opt, 200, gen)
            sync(dev); t3 = time.perf_counter()
            if r: t_fit.append((t1 - t0) / args.epochs); t_bare.append((t3 - t2) / args.epochs)
        rows[kind] = (statistics.median(t_fit), statistics.median(t_bare))
    print(f"{'model':<22}{'fit s/epoch':>12}{'bare s/epoch':>14}{'fit/bare':>10}{'fit samples/s':>15}")
    for kind, (a, b) in rows.items():
        print(f"{kind:<22}{a:>12.3f}{b:>14.3f}{a / b:>10.2f}{len(x) / a:>15,.0f}")

if __name__ == "__main__": main()
