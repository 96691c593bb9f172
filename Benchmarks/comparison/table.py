"""The table of medians `compare` prints, with nn's ratio to the plain build and to each reference."""
import statistics

from . import fann

# Figures of which less is better (the others are rates).
LOWER_IS_BETTER = {"process s"}
REFERENCES = ["numpy", "torch", "sklearn", "fann"]
# The BLAS routine of a gemm row's element type.
GEMM_NAMES = {"float64": "dgemm", "float32": "sgemm"}


def figures(result):
    """The compared figures of one JSON line: {(metric, detail): value}."""
    if result["workload"] == "iris-process":
        return {("process s", ""): result.get("process_s")}
    if result["workload"] == "gemm":
        return {(GEMM_NAMES.get(entry.get("dtype"), "gemm") + " GFLOP/s", "n=%d" % entry["n"]): entry["gflops_median"]
                for entry in result["results"]}
    values = {("samples/s", ""): result.get("samples_per_s")}
    if result["workload"] == "wide":
        values[("GEMM GFLOP/s", "")] = result.get("gflops_gemm")
    return values


def median(values):
    """The median of the values that are not None, or None."""
    values = [value for value in values if value is not None]
    return statistics.median(values) if values else None


def show(value):
    """A figure for the table: thousands separated from 100,000 on, else four significant digits; `-` for None."""
    if value is None:
        return "-"
    if abs(value) >= 1e5:
        return "{:,.0f}".format(value)
    return "{:.4g}".format(value)


def speed_ratio(figure, ours, theirs):
    """How many times faster `ours` is than `theirs` for `figure` (a rate, or a time when lower is better)."""
    if not ours or not theirs:
        return None
    return theirs / ours if figure in LOWER_IS_BETTER else ours / theirs


def show_ratio(ratio):
    """A ratio for the table, such as `1.23×`."""
    return "%.2f×" % ratio if ratio else "-"


def samples_per_second(lines):
    """The median samples/s of some JSON lines."""
    return median([line.get("samples_per_s") for line in lines])


def row_groups(workload, threads, results):
    """[(label, {implementation: [JSON line, …]})]: one row group of the row `workload` (a label such as `wide` or
    `wide float32`) at `threads`; iris-batches gives one per batch size, nn at that size against the faster of FANN's
    incremental and batch runs."""
    if workload != "iris-batches":
        return [(workload, {name: lines for (other, count, name), lines in results.items()
                            if other == workload and count == threads})]
    incremental = results.get((workload, threads, "fann incremental"), [])
    batch = results.get((workload, threads, "fann batch"), [])
    faster = max([incremental, batch], key=lambda lines: samples_per_second(lines) or 0)
    return [("iris batch %d" % size, {"nn": results.get((workload, threads, "nn batch %d" % size), []),
                                      "fann": faster}) for size in fann.BATCH_SIZES]


def print_table(arguments, results, columns):
    """Prints the table, then the notes on it. columns: the implementations measured besides nn (`nn-plain`,
    `numpy`, `torch`, `sklearn`, `fann`), in the table's order."""
    several_threads = len(arguments.threads) > 1
    plain = "nn-plain" in columns
    references = [name for name in REFERENCES if name in columns]
    header = ["workload", "threads", "figure", "nn"]
    if several_threads:
        header += ["nn vs %d thread(s)" % arguments.threads[0]]
    if plain:
        header += ["nn plain", "nn/nn plain"]
    for name in references:
        header += [name, "nn/" + name]
    header += ["nn loss", "numpy loss", "nn acc", "numpy acc"] + (["fann acc"] if "fann" in references else [])
    rows = []
    scaling = []
    for workload in arguments.rows:
        for threads in arguments.threads:
            first = dict(row_groups(workload, arguments.threads[0], results))
            for label, group in row_groups(workload, threads, results):
                ours = group.get("nn", [])
                if not ours:
                    continue
                for key in figures(ours[0]):
                    figure = " ".join(part for part in key if part)
                    ours_median = median([figures(result).get(key) for result in ours])
                    row = [label, str(threads), figure, show(ours_median)]
                    if several_threads:
                        base = median([figures(result).get(key) for result in first.get(label, {}).get("nn", [])])
                        speedup = speed_ratio(figure, ours_median, base)
                        row += [show_ratio(speedup)]
                        if threads != arguments.threads[0] and speedup:
                            numpy_base = median([figures(result).get(key)
                                                 for result in first.get(label, {}).get("numpy", [])])
                            numpy_now = median([figures(result).get(key) for result in group.get("numpy", [])])
                            numpy_speedup = speed_ratio(figure, numpy_now, numpy_base)
                            scaling.append("%s %s: %d threads / %d: nn %.2f×%s" % (
                                label, figure, threads, arguments.threads[0], speedup,
                                ", numpy %.2f×" % numpy_speedup if numpy_speedup else ""))
                    for name in (["nn-plain"] if plain else []) + references:
                        theirs = median([figures(result).get(key) for result in group.get(name, [])])
                        row += [show(theirs), show_ratio(speed_ratio(figure, ours_median, theirs))]
                    numpy_runs = group.get("numpy", [])
                    row += [show(median([result.get("final_loss") for result in ours])),
                            show(median([result.get("final_loss") for result in numpy_runs])),
                            show(median([result.get("train_acc") for result in ours])),
                            show(median([result.get("train_acc") for result in numpy_runs]))]
                    if "fann" in references:
                        row += [show(median([result.get("train_acc") for result in group.get("fann", [])]))]
                    rows.append(row)
    widths = [max(len(row[column]) for row in [header] + rows) for column in range(len(header))]
    print()
    print("| " + " | ".join(cell.ljust(width) for cell, width in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    for row in rows:
        print("| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |")
    print()
    print("medians of %d interleaved repetitions; samples/s and GFLOP/s: higher is better; nn/x > 1: nn faster."
          % arguments.reps)
    print_notes(arguments, results, columns)
    for line in scaling:
        print("speed-up, " + line)


def print_notes(arguments, results, columns):
    """The notes under the table: what the columns of the selected workloads measure."""
    if "iris-process" in arguments.only:
        print("process s: the wall time of a whole process of %d iterations, lower is better." % arguments.process_iters)
    if "torch" in columns and "float64" in arguments.dtypes:
        print("torch: PyTorch eager; in the float64 rows in float32, its scripts' default, in the float32 rows "
              "float32 like every column.")
    if "nn-plain" in columns:
        print("nn plain: the same programs built by a plain `swift build -c release` (no CPU flags); nn/nn plain: "
              "the make build's speed over it.")
    if "fann" in columns:
        print("fann: FANN 2.2, double (fann_iris.c, cc -O3 -march=native), %d epochs of the 150 iris rows: its "
              "incremental training (iris-online) against nn train --batch-size 1, its batch training (iris-batch) "
              "against --batch-size 150; the accuracies differ for reasons other than speed (FANN's weights start "
              "in [-0.1, 0.1], its error function is tanh-scaled)." % fann.EPOCHS)
    if "iris-batches" in arguments.only and "fann" in columns:
        for threads in arguments.threads:
            incremental = samples_per_second(results.get(("iris-batches", threads, "fann incremental"), []))
            batch = samples_per_second(results.get(("iris-batches", threads, "fann batch"), []))
            print("iris batch N: nn train at batch size N against the faster of FANN's incremental (%s samples/s) "
                  "and batch (%s) runs." % (show(incremental), show(batch)))
    print_wide_against_gemm(arguments, results)


def print_wide_against_gemm(arguments, results):
    """Our wide training rate as a fraction of our own dgemm (sgemm for float32) rate at 1024² in the same run."""
    for suffix, routine in [("", "dgemm"), (" float32", "sgemm")]:
        for threads in arguments.threads:
            wide = results.get(("wide" + suffix, threads, "nn"), [])
            gemm = results.get(("gemm" + suffix, threads, "nn"), [])
            if wide and gemm:
                training = median([result.get("gflops_gemm") for result in wide])
                peak = median([figures(result).get((routine + " GFLOP/s", "n=1024")) for result in gemm])
                if training and peak:
                    print("wide%s, %d thread(s): %.1f GEMM GFLOP/s = %.0f%% of %s 1024² (%.1f GFLOP/s)"
                          % (suffix, threads, training, 100 * training / peak, routine, peak))
