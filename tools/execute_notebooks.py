"""Run notebooks and save their outputs in place, so that a reader on the web sees every table and figure.

    python tools/execute_notebooks.py nbs/13_spectralize.ipynb [more.ipynb ...] [--flags "fmnist"]

Cells are skipped exactly as `nbdev_test` skips them (export calls, `#| eval: false`, and cells carrying a flag of
`tst_flags` in settings.ini that is not named in `--flags`), with `IN_TEST=1` as under `nbdev_test`: torch runs on
one thread, so that the outputs do not depend on the machine's core count, and progress lines stay silent, so that
no timing lands in the saved outputs. Figures are stored as plain PNG. Run `nbdev_clean` afterwards (it keeps outputs).
"""
import argparse, os, sys, time
from pathlib import Path

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notebooks", nargs="+", type=Path)
    ap.add_argument("--flags", default="", help="test flags whose cells run too (e.g. 'fmnist ray')")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1"); os.environ["IN_TEST"] = "1"
    from execnb.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    from nbdev.config import get_config
    from nbdev.process import extract_directives
    skip = set(get_config().tst_flags.split()) - set(args.flags.split())
    def no_eval(cell):
        if cell.cell_type != "code" or "nbdev_export(" in cell.source: return True
        d = extract_directives(cell, remove=False)   # nbdev's own reading of `#|` lines, as nbdev_test uses
        return d.get("eval:", [""])[0].lower() == "false" or bool(skip & d.keys())
    failed = 0
    for path in args.notebooks:
        nb, t0 = read_nb(path), time.perf_counter()
        for c in nb.cells:
            if c.cell_type == "code": c.outputs, c.execution_count = [], None
        shell = CaptureShell(path, mpl_format="png")
        try:
            with working_directory(path.parent): shell.run_all(nb, exc_stop=True, preproc=no_eval)
        except Exception:
            sys.stderr.write(shell.prettytb(fname=path) + "\n"); failed += 1
            print(f"FAIL {path}: outputs not saved"); continue
        write_nb(nb, path)
        print(f"saved outputs of {path} ({time.perf_counter() - t0:.1f} s)")
    sys.exit(1 if failed else 0)

if __name__ == "__main__": main()
