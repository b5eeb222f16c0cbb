#!/usr/bin/env bash
# Fetch, here, the wheels that the lent GPU machine's image lacks for benchmarks/gpu_checks.sh: nbdev and execnb (the
# notebook test runner) with IPython and their other dependencies, for that machine's Python 3.12 on x86-64. It cannot
# reach a package registry; the wheels travel with the working tree (`carry: [".whl"]`, 64 MiB at most in all).
#   bash tools/device_wheels.sh      # then, on the device: bash benchmarks/gpu_checks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .whl && mkdir .whl
# the versions this project's tests run with here (settings.ini's dev requirements)
python3 -m pip download -q --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
  --platform manylinux1_x86_64 -d .whl "nbdev==2.4.14" "execnb==0.1.18" "fastcore>=1.12.3,<2" "ghapi<2" "fastgit<0.1"
# the image already holds these (device/KINDS.md): one version of each, the image's
for p in build packaging pyyaml PyYAML setuptools six wheel typing_extensions numpy; do rm -f .whl/"$p"-*.whl; done
echo "$(ls .whl | wc -l) wheels, $(du -sh .whl | cut -f1) in .whl/"
