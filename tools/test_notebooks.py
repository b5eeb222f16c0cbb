#!/usr/bin/env python
"""Run every notebook in nbs/ as a test (nbdev's `test_nb`) and print `N passed, M failed`.

Like `nbdev_test`, cells flagged with a name listed in `tst_flags` (settings.ini) are skipped unless
named in `--flags`. Unlike it, this prints a count, exits non-zero when no notebook ran, and turns the
`fmnist` flag on by itself when Fashion-MNIST is installed and the `ray` flag when Ray is (say
`--no-auto-flags` to stop that).

    python tools/test_notebooks.py                  # the default test run
    python tools/test_notebooks.py --flags slow     # also the full-scale cells
    python tools/test_notebooks.py nbs/03_train.ipynb
    python tools/test_notebooks.py --n-workers 1     # one notebook at a time

Notebooks run in parallel worker processes (as `nbdev_test` does), each with one torch CPU thread: torch's
spin-waiting OpenMP threads collapse when several processes share the cores.
"""
import argparse, os, sys, time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

def _init_worker():
    "One torch CPU thread per worker, unless OMP_NUM_THREADS says otherwise (set before any notebook imports torch)"
    os.environ.setdefault("OMP_NUM_THREADS", "1")

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="notebooks to test (default: every nbs/*.ipynb not starting with _ or .)")
    ap.add_argument("--flags", default="", help="space-separated test flags to run (slow, cuda, fmnist)")
    ap.add_argument("--n-workers", type=int, default=os.cpu_count(), help="notebooks tested at once (default: one per CPU)")
    ap.add_argument("--no-auto-flags", action="store_true", help="do not turn on fmnist / ray / onnx when the data / package is found")
    args = ap.parse_args()

    root = Path(__file__).resolve().parents[1]
    os.chdir(root)
    from nbdev.config import get_config
    from nbdev.test import test_nb   # submitted by reference: a notebook's shell replaces a worker's __main__
    cfg = get_config()
    force = set(args.flags.split())
    if not args.no_auto_flags and "fmnist" not in force:
        from spectral_pruning.data import find_idx_files
        if find_idx_files("fashion-mnist"): force.add("fmnist")
        else: print("Fashion-MNIST not found: cells flagged fmnist are skipped (apt-get install dataset-fashion-mnist)")
    if not args.no_auto_flags and "ray" not in force:
        import importlib.util
        if importlib.util.find_spec("ray"): force.add("ray")
        else: print("Ray not installed: cells flagged ray are skipped (pip install 'spectral_pruning[ray]')")
    if not args.no_auto_flags and "onnx" not in force:
        import importlib.util
        if importlib.util.find_spec("onnxruntime") and importlib.util.find_spec("onnxscript"): force.add("onnx")
        else: print("onnxruntime not installed: cells flagged onnx are skipped (pip install 'spectral_pruning[export]')")
    skip = [f for f in cfg.tst_flags.split() if f not in force]
    nbs = [Path(p).resolve() for p in args.paths] or sorted(p for p in (root/"nbs").rglob("*.ipynb")
           if not any(part.startswith(("_", ".")) for part in p.relative_to(root/"nbs").parts))
    n_workers = max(1, min(args.n_workers, len(nbs)))
    print(f"testing {len(nbs)} notebooks with {n_workers} worker(s); skipping cells flagged {' '.join(skip) or '(none)'}",
          flush=True)
    passed = failed = 0
    t_all = time.time()
    with ProcessPoolExecutor(n_workers, mp_context=get_context("spawn"), initializer=_init_worker) as pool:
        futures = {pool.submit(test_nb, nb, skip_flags=skip, basepath=str(root)): nb for nb in nbs}
        for fut in as_completed(futures):
            nb = futures[fut]
            try: ok, secs = fut.result()
            except Exception as e: ok, secs = False, float("nan"); print(f"{nb.name}: {type(e).__name__}: {e}")
            print(f"{'PASS' if ok else 'FAIL'} {os.path.relpath(nb, root)} ({secs:.1f} s)", flush=True)
            passed += ok; failed += not ok
    print(f"total {time.time() - t_all:.0f} s")
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if passed and not failed else 1)

if __name__ == "__main__": main()
