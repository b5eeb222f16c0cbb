"""Figures of how the notebooks read: definitions per export cell, long export cells, long library lines, docstring
lengths and committed outputs. `python tools/house_metrics.py` prints them (the issue on the house quotes them)."""
import ast, glob, json, statistics
from pathlib import Path

root = Path(__file__).resolve().parents[1]

def main():
    defs, long_cells, n_export, outputs, code_cells = [], 0, 0, 0, 0
    for p in sorted(glob.glob(str(root/"nbs"/"*.ipynb"))):
        for c in json.load(open(p))["cells"]:
            if c["cell_type"] != "code": continue
            code_cells += 1; outputs += bool(c.get("outputs"))
            src = "".join(c["source"])
            if not src.startswith("#| export"): continue
            n_export += 1
            try: tree = ast.parse("\n".join(l for l in src.splitlines() if not l.startswith("#|")))
            except SyntaxError: continue
            defs.append(sum(isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) for n in tree.body))
            long_cells += len(src.splitlines()) > 40
    lines, docs = [], []
    for p in sorted((root/"spectral_pruning").glob("*.py")):
        if p.name == "_modidx.py": continue
        text = p.read_text(); lines += text.splitlines()
        for n in ast.walk(ast.parse(text)):
            if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(n): docs.append(len(ast.get_docstring(n)))
    with_defs = [d for d in defs if d]
    print(f"export cells: {n_export}; definitions per export cell (cells that define any): {statistics.fmean(with_defs):.2f}")
    print(f"export cells over 40 lines: {100 * long_cells / n_export:.0f} %")
    print(f"library lines over 120 characters: {100 * sum(len(l) > 120 for l in lines) / len(lines):.1f} % of {len(lines)}")
    print(f"docstrings: median {statistics.median(docs):.0f} characters ({len(docs)} docstrings)")
    print(f"code cells with committed outputs: {outputs} of {code_cells} ({100 * outputs / code_cells:.0f} %)")

if __name__ == "__main__": main()
