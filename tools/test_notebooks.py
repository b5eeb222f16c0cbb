#!/usr/bin/env python
"""Run every notebook in nbs/ as a test (nbdev's `test_nb`) and print `N passed, M failed`.

Like `nbdev_test`, cells flagged with a name listed in `tst_flags` (settings.ini) are skipped unless
named in `--flags`. Unlike it, this prints a count, exits non-zero when no notebook ran, and turns the
`fmnist` flag on by itself when Fashion-MNIST is installed and the `ray` flag when Ray is (say
`--no-auto-flags` to stop that).

    python tools/test_notebooks.py                  # the default test run
    python tools/test_notebooks.py --flags slow     # also the full-scale cells
    python tools/test_notebooks.py nbs/03_train.ipynb
"""
import argparse, os, sys, time
from pathlib import Path

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="notebooks to test (default: every nbs/*.ipynb not starting with _ or .)")
    ap.add_argument("--flags", default="", help="space-separated test flags to run (slow, cuda, fmnist)")
    ap.add_argument("--no-auto-flags", action="store_true", help="do not turn on fmnist / ray / onnx when the data / package is found")
    args = ap.parse_args()

    root = Path(__file__).resolve().parents[1]
    os.chdir(root)
    from nbdev.config import get_config
    from nbdev.test import test_nb
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
    print(f"testing {len(nbs)} notebooks; skipping cells flagged {' '.join(skip) or '(none)'}", flush=True)
    passed = failed = 0
    t_all = time.time()
    for nb in nbs:
        ok, secs = test_nb(nb, skip_flags=skip, basepath=str(root))
        print(f"{'PASS' if ok else 'FAIL'} {nb.relative_to(root)} ({secs:.1f} s)", flush=True)
        passed += ok; failed += not ok
    print(f"total {time.time() - t_all:.0f} s")
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if passed and not failed else 1)

if __name__ == "__main__": main()
