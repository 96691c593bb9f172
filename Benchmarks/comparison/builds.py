"""The builds `compare` runs: nn-bench and nn as `make build` builds them, and a plain `swift build -c release`."""
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(HERE)
# The scratch folder of the plain build (no CPU flags), inside the Benchmarks package; `.build-*` is git-ignored.
PLAIN_SCRATCH = os.path.join(HERE, ".build-plain")
# What SwiftPM says when it kept a build description that names files which have since moved.
STALE_DESCRIPTION = re.compile(r"couldn't build .* because of missing inputs")


def swift():
    """The Swift driver: SWIFT, or swift."""
    return os.environ.get("SWIFT", "swift")


def release_flags(product):
    """The flags of the tuned build: for `nn` the Makefile's (`make build`: release, this machine's CPU, the Swift
    runtime linked statically), for nn-bench release for this machine's CPU."""
    if product == "nn":
        return subprocess.run(["make", "-s", "-C", ROOT, "release-flags", "SWIFT=" + swift()], capture_output=True,
                              text=True, check=True).stdout.split()
    return ["-c", "release", "-Xswiftc", "-target-cpu", "-Xswiftc", "native"]


def tuned_binary(package, product):
    """Where the tuned build of `product` of the package at `package` is."""
    return os.path.join(package, ".build", "release", product)


def plain_binary(product):
    """Where the plain build of `product` (nn-bench, or nn through the Benchmarks package's dependency) is."""
    return os.path.join(PLAIN_SCRATCH, "release", product)


def build_tuned(package, product):
    """Builds `product` of the package at `package` with `release_flags`; returns the binary's path."""
    return build([swift(), "build", "--package-path", package, "--product", product] + release_flags(product),
                 os.path.join(package, ".build"), product)


def build_plain(product):
    """Builds `product` as a user's `swift build -c release` does (no CPU flags), from the Benchmarks package into
    `PLAIN_SCRATCH`; `nn` is the root package's tool, a dependency of the Benchmarks package, so that it shares the
    compiled libraries with nn-bench. Returns the binary's path."""
    command = [swift(), "build", "--package-path", HERE, "-c", "release", "--product", product,
               "--scratch-path", PLAIN_SCRATCH]
    return build(command, PLAIN_SCRATCH, product + " (plain)")


def build(command, scratch, name):
    """Runs the build `command`, whose scratch folder is `scratch`; after SwiftPM's stale-description failure,
    removes the description and builds once more. Exits when the build fails; returns the binary's path."""
    print("building:", " ".join(command), file=sys.stderr)
    status, output = run_echoing(command)
    if status != 0 and STALE_DESCRIPTION.search(output):
        stale = [path for path in [os.path.join(scratch, "release.yaml")]
                 + glob.glob(os.path.join(scratch, "*", "release", "description.json")) if os.path.exists(path)]
        for path in stale:
            os.remove(path)
        print("compare: SwiftPM's build description of %s named missing inputs; removed %s and building again"
              % (name, ", ".join(stale) or "nothing (no description found)"), file=sys.stderr)
        status, output = run_echoing(command)
    if status != 0:
        sys.exit("compare: the build of %s failed (%s)" % (name, " ".join(command)))
    output = subprocess.run(command + ["--show-bin-path"], capture_output=True, text=True).stdout.strip()
    return os.path.join(output.splitlines()[-1], command[command.index("--product") + 1])


def run_echoing(command):
    """Runs `command` with its output copied to standard error; returns its status and its output."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in process.stdout:
        sys.stderr.write(line)
        lines.append(line)
    return process.wait(), "".join(lines)


def existing(path, name):
    """`path` when a file is there (for --no-build), else exits naming it."""
    if not os.path.isfile(path):
        sys.exit("compare: --no-build, but there is no %s at %s; run once without --no-build" % (name, path))
    return path
