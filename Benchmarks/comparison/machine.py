"""The machine a comparison ran on: its CPU, the vector extensions the kernels can use, and its cores."""
import os

# The extensions behind the kernels' instruction sets: x86-64 (sse2), x86-64-v3 (avx, avx2, fma), x86-64-v4
# (the four AVX-512 subsets).
VECTOR_EXTENSIONS = ["sse2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"]


def cpu_description(path="/proc/cpuinfo"):
    """One line: the CPU model, the vector extensions present and absent, and the number of logical cores."""
    model = None
    flags = None
    try:
        with open(path) as cpuinfo:
            for line in cpuinfo:
                name, _, value = line.partition(":")
                name = name.strip()
                if name == "model name" and model is None:
                    model = value.strip()
                elif name == "flags" and flags is None:
                    flags = set(value.split())
    except OSError:
        pass
    cores = os.cpu_count() or 0
    if flags is None:
        return "CPU: %s; vector extensions unknown (no flags in %s); %d cores" % (model or "unknown", path, cores)
    present = [name for name in VECTOR_EXTENSIONS if name in flags]
    absent = [name for name in VECTOR_EXTENSIONS if name not in flags]
    return "CPU: %s; vector extensions: %s%s; %d cores" % (
        model or "unknown", " ".join(present) or "none of " + " ".join(VECTOR_EXTENSIONS),
        " (without %s)" % " ".join(absent) if absent and present else "", cores)


def kernels_description(results, labels):
    """One line: the instruction set each nn build's runs chose (`kernels` of their JSON lines), with the workloads
    that chose it; `layer by layer` where the network had no fused kernel.

    results: {(workload, threads, implementation): [JSON line, …]}; labels: {implementation: name in the line},
    such as {"nn": "nn", "nn-plain": "nn plain"}."""
    parts = []
    for implementation, label in labels.items():
        chosen = {}
        for (workload, _, name), lines in results.items():
            if name != implementation and not name.startswith(implementation + " batch"):
                continue
            for line in lines:
                if "kernels" not in line:
                    continue
                kernels = line["kernels"] or "layer by layer"
                workloads = chosen.setdefault(kernels, [])
                if workload not in workloads:
                    workloads.append(workload)
        if chosen:
            parts.append("%s %s" % (label, ", ".join(
                "%s (%s)" % (kernels, ", ".join(workloads)) for kernels, workloads in chosen.items())))
    return "kernels: " + ("; ".join(parts) if parts else "not reported")


# The round trip (ns) above which two cores are taken as far apart: cores sharing a cache hand a value back in some
# 50-90 ns, cores of different core complexes or sockets in 300 ns and more.
FAR_ROUND_TRIP = 150


def round_trip_description(results):
    """One line on the round trips between two threads' cores that nn-bench measured around its multi-thread runs
    (`core_round_trip_ns`: before and after each run), or None when none was measured: their range, and how many runs
    met cores far apart (above FAR_ROUND_TRIP ns at either end), whose two-thread figures are lower.

    results: {(workload, threads, implementation): [JSON line, …]}."""
    trips = []
    far = 0
    for lines in results.values():
        for line in lines:
            measured = line.get("core_round_trip_ns")
            if not measured:
                continue
            trips.extend(measured)
            far += any(value > FAR_ROUND_TRIP for value in measured)
    if not trips:
        return None
    runs = len(trips) // 2
    return ("round trip between the threads' cores in nn's multi-thread runs: %.0f-%.0f ns; %d of %d runs met cores "
            "far apart (over %d ns), where two threads gain less" % (min(trips), max(trips), far, runs,
                                                                    FAR_ROUND_TRIP))
