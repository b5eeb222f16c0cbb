#!/usr/bin/env bash
# The GPU checks in one call, for a session lent a GPU machine (its device tool): the notebooks whose `#| cuda` cells
# test the CUDA paths, then the speed benchmarks on CUDA. Each step has its own time limit and its log goes to $OUT
# (the folder the device tool brings back; ./gpu-checks elsewhere). About 8 minutes in all on an H200.
#   here:   bash tools/device_wheels.sh
#   device: run(command="bash benchmarks/gpu_checks.sh", carry=[".whl"], timeout_s=600)
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-gpu-checks}; mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
    || { echo "installing .whl failed"; exit 1; }
  export PYTHONPATH=/tmp/site:$PWD
else
  export PYTHONPATH=$PWD
fi
python3 - <<'PY' 2>&1 | tee "$OUT/device.txt"
import torch, spectral_pruning
assert torch.cuda.is_available(), "no CUDA device: these checks need a GPU"
p = torch.cuda.get_device_properties(0)
print(f"{p.name}, {p.total_memory / 2**30:.0f} GiB, capability {p.major}.{p.minor}; torch {torch.__version__}; "
      f"spectral_pruning {spectral_pruning.__version__}")
PY
[ "${PIPESTATUS[0]}" = 0 ] || exit 1
step() {   # step NAME SECONDS COMMAND...: run with a time limit, log to $OUT/NAME.log, report its exit status
  local name=$1 limit=$2; shift 2
  echo "== $name (at most ${limit} s): $*"
  timeout "$limit" "$@" > "$OUT/$name.log" 2>&1; local rc=$?
  tail -n 25 "$OUT/$name.log"; echo "== $name: exit $rc"; echo "$name $rc" >> "$OUT/status.txt"
}
step cuda_cells 180 python3 tools/test_notebooks.py --flags cuda --no-auto-flags nbs/03_train.ipynb nbs/03a_batched.ipynb
step bench_fit 90 python3 benchmarks/bench_fit.py --device cuda --epochs 3 --repeats 3
step bench_batched 150 python3 benchmarks/bench_batched.py --device cuda --E 1,10,20 --repeats 3 --workloads full
step bench_batched_graph 120 python3 benchmarks/bench_batched.py --device cuda --E 1,10,20 --repeats 3 --workloads full --cuda-graph --amp
cat "$OUT/status.txt"
