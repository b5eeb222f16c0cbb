#!/usr/bin/env python
"""Write README.md from nbs/index.ipynb (Quarto, which `nbdev_readme` needs, is not available).

Markdown cells are copied as they are; code cells become ```python blocks, except cells whose first
line is a `#|` directive containing `hide`; the text outputs a code cell was committed with follow it as
plain fenced blocks (images are left out: README links the committed figures instead). `--check` exits 1 when README.md differs from what it would write.

    python tools/sync_readme.py          # rewrite README.md
    python tools/sync_readme.py --check  # CI: fail if out of step
"""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parents[1]
HEADER = "<!-- WARNING: generated from nbs/index.ipynb by tools/sync_readme.py; edit the notebook, not this file -->\n\n"

def render(nb_path=root/"nbs"/"index.ipynb") -> str:
    cells = json.loads(Path(nb_path).read_text(encoding="utf-8"))["cells"]
    parts = []
    for c in cells:
        src = "".join(c["source"]).strip("\n")
        lines = src.splitlines()
        directives = [l for l in lines if l.startswith("#|")]
        if c["cell_type"] == "markdown": parts.append(src)
        elif c["cell_type"] == "code" and not any("hide" in d or "default_exp" in d for d in directives):
            body = "\n".join(l for l in lines if not l.startswith("#|")).strip("\n")
            if body: parts.append(f"```python\n{body}\n```")
            for o in c.get("outputs", []):
                text = "".join(o.get("text", "")) or "".join(o.get("data", {}).get("text/plain", ""))
                if text.strip() and "image/png" not in o.get("data", {}): parts.append(f"```\n{text.strip(chr(10))}\n```")
    return HEADER + "\n\n".join(parts) + "\n"

def main():
    text, readme = render(), root/"README.md"
    if "--check" in sys.argv:
        if not readme.exists() or readme.read_text(encoding="utf-8") != text:
            sys.exit("README.md is out of step with nbs/index.ipynb: run `python tools/sync_readme.py` and commit")
        print("README.md is in step with nbs/index.ipynb")
    else:
        readme.write_text(text, encoding="utf-8"); print("wrote README.md")

if __name__ == "__main__": main()
