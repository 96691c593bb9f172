"""The FANN reference (FANN 2.2 in C, `fann_iris.c` of the reference scripts) and the `nn train` runs it is compared
with: the iris network 4-12-6-3, sigmoid hidden and output layers, squared error, plain SGD with learning rate 0.1,
2000 epochs of the 150 rows."""
import os
import subprocess
import sys

# The header of FANN's double-precision library, installed by Debian's libfann-dev.
HEADER = "/usr/include/doublefann.h"
EPOCHS = 2000
# The batch sizes of the iris-batches workload, from per-sample SGD to the full batch.
BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 150]
# What each workload runs: FANN's algorithm (`incremental`: per-sample SGD over a shuffled epoch; `batch`: one
# full-batch step an epoch) and nn's batch size for the same updates.
WORKLOADS = {"iris-online": ("incremental", 1), "iris-batch": ("batch", 150)}
# `nn train` flags of the same training as fann_iris.c, but the batch size and --threads.
TRAIN_FLAGS = ["--data", "iris", "--layers", "12,6", "--activation", "sigmoid", "--output-activation", "sigmoid",
               "--loss", "mse", "--optimizer", "sgd", "--lr", "0.1", "--epochs", str(EPOCHS), "--init", "uniform",
               "--seed", "0"]


def build(reference, folder, reuse):
    """Compiles `fann_iris.c` of `reference` into `folder` as fann_iris.c's header says (`cc -O3 -march=native …
    -ldoublefann -lm`; CC names another compiler); with `reuse`, keeps a binary already there. Returns its path and
    None, or None and why FANN is not measured."""
    source = os.path.join(reference, "fann_iris.c")
    if not os.path.isfile(source):
        return None, "not measured: FANN (no fann_iris.c in %s)" % reference
    if not os.path.isfile(HEADER):
        return None, "not measured: FANN (install libfann-dev)"
    binary = os.path.join(folder, "fann_iris_d")
    if reuse and os.path.isfile(binary):
        return binary, None
    os.makedirs(folder, exist_ok=True)
    command = [os.environ.get("CC", "cc"), "-O3", "-march=native", source, "-ldoublefann", "-lm", "-o", binary]
    print("building:", " ".join(command), file=sys.stderr)
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        print(completed.stderr, file=sys.stderr, end="")
        return None, "not measured: FANN (the build of %s failed, see above)" % source
    return binary, None


def command(binary, data, algorithm):
    """The command of one FANN run: `algorithm` (incremental or batch) for EPOCHS epochs on data/iris.csv."""
    return [binary, os.path.join(data, "iris.csv"), algorithm, str(EPOCHS)]


def train_command(nn, batch_size, threads):
    """The `nn train` command of the same training at `batch_size`, printing one JSON line."""
    return [nn, "train", "--json", "--quiet", "--threads", str(threads), "--batch-size", str(batch_size)] + TRAIN_FLAGS
