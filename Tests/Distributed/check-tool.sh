#!/usr/bin/env bash
# `nn train --distributed` under mpirun: with 2 and 4 processes, the model equals one process's on the same global
# batches to 1e-12 relative, for a network the fused kernel trains and one trained layer by layer; settings that
# differ between processes stop every process with a message naming the process; without the library, a clear
# error. Run by `make test-distributed` after `make distributed`.
set -euo pipefail
cd "$(dirname "$0")/../.."
nn=.build/release/nn
work=$(mktemp -d /tmp/nn-check-distributed.XXXXXX)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
# Open MPI on this machine: as root, shared memory between processes, the loopback interface for the launcher,
# more processes than cores.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader \
  OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_oob_tcp_if_include=lo

fail() { echo "check-distributed: FAIL: $*" >&2; exit 1; }

# The largest difference between two model files' weights, relative to the largest weight.
compare() {
  python3 - "$1" "$2" <<'PYTHON'
import json, sys
a, b = (json.load(open(path))["weights"] for path in sys.argv[1:3])
assert a.keys() == b.keys(), "different parameters"
values = [(x, y) for key in a for x, y in zip(a[key]["elements"], b[key]["elements"])]
scale = max(abs(y) for _, y in values)
print(max(abs(x - y) for x, y in values) / scale)
PYTHON
}

for network in "--layers 12,6" "--layers 150 --activation relu"; do
  flags="--data iris $network --optimizer momentum --lr 0.05 --batch-size 30 --sampling replacement --iterations 120 --seed 3 --quiet"
  "$nn" train $flags --save "$work/one.json"
  for processes in 2 4; do
    echo "== $network: $processes processes against one"
    mpirun -np "$processes" "$nn" train --distributed $flags --save "$work/many.json"
    difference=$(compare "$work/many.json" "$work/one.json")
    echo "relative difference of the weights: $difference"
    python3 -c "import sys; sys.exit(0 if $difference < 1e-12 else 1)" || fail "$network with $processes processes: $difference"
  done
done

echo "== a process with another batch size"
if mpirun -np 2 sh -c "$nn"' train --distributed --iterations 5 --quiet --batch-size $((16 + 16 * OMPI_COMM_WORLD_RANK))' \
  2> "$work/mismatch.txt"; then
  fail "different batch sizes were accepted"
fi
cat "$work/mismatch.txt"
grep -q "rank 1 differs from rank 0 in the batch size" "$work/mismatch.txt" || fail "no message naming rank 1"

echo "== without the library"
mkdir "$work/alone"
cp "$nn" "$work/alone/nn"
status=0
NN_DISTRIBUTED_LIBRARY="$work/none.so" "$work/alone/nn" train --distributed --iterations 1 2> "$work/alone.txt" || status=$?
cat "$work/alone.txt"
[ "$status" -eq 69 ] || fail "exit status $status, expected 69"
grep -q "make distributed" "$work/alone.txt" || fail "the message does not say how to build the library"

echo "check-distributed: PASS in $(( $(date +%s) - start )) s"
