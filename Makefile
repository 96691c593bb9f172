# nn: the two set-up commands of the README, and their parts.
#   make run    installs what is missing, builds in release mode, trains the seed's iris network
#   make test   installs what is missing, runs the whole test suite
#   make docs   builds the documentation of the six libraries into .build/documentation (offline)

SWIFT ?= swift
# On x86-64 the tests run `nn` as older and newer CPUs under Debian's user-mode emulator (qemu-x86_64 -cpu ...), to
# check that one binary chooses the kernels each CPU has.
EMULATOR_PACKAGES := $(if $(filter x86_64,$(shell uname -m)),qemu-user)
APT_PACKAGES := libgsl-dev libopenblas-dev libmatio-dev zlib1g-dev pkg-config $(EMULATOR_PACKAGES)
# Builds made on the user's own machine may use every instruction it has for the Swift code (the hot loops in C
# choose their instruction set at run time in every build: a plain `swift build -c release` is within 15% of this).
# The Swift runtime and Foundation are linked in statically: `nn` then starts in about 10 ms instead of 18
# (the dynamic loader no longer binds some 30,000 symbols at every start).
# Linked by lld with packed relative relocations (`-z pack-relative-relocs`, read by glibc 2.36 and later): the
# binary's 78,000 relative relocations take 15 KB instead of 1.9 MB, which the loader otherwise reads at every start
# (from disk, some 7 ms, when the page cache has dropped the binary). Without lld or such a glibc, the default linker.
SWIFT_DIRECTORY := $(dir $(realpath $(shell command -v $(SWIFT))))
GLIBC_READS_RELR := $(shell getconf GNU_LIBC_VERSION 2>/dev/null | awk '{ split($$2, v, "."); if (v[1] > 2 || (v[1] == 2 && v[2] >= 36)) print "yes" }')
PACKED_RELOCATIONS := $(if $(and $(wildcard $(SWIFT_DIRECTORY)ld.lld),$(GLIBC_READS_RELR)),-Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs)
RELEASE_FLAGS := -c release -Xswiftc -target-cpu -Xswiftc native --static-swift-stdlib $(PACKED_RELOCATIONS)

.PHONY: run test build deps format release-flags

run: build
	.build/release/nn train

test: deps
	$(SWIFT) test
	SWIFT="$(SWIFT)" Tests/Scaffolding/check-templates.sh
	SWIFT="$(SWIFT)" Tests/Scaffolding/check-user-package.sh

build: deps
	$(SWIFT) build $(RELEASE_FLAGS)

# The release build's flags, for scripts that build the same way (Benchmarks/compare).
release-flags:
	@echo $(RELEASE_FLAGS)

# $(call install-missing,<packages>): installs those of the Debian packages that are missing (as root, or through
# sudo).
define install-missing
	@missing=""; \
	for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi
endef

# Installs the missing Debian packages.
deps:
	$(call install-missing,$(APT_PACKAGES))
	@# The data tests check that scipy reads the MAT files we write.
	@python3 -c "import scipy.io" 2>/dev/null || { \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq python3-scipy; \
	  python3 -c "import scipy.io" 2>/dev/null || python3 -m pip install --quiet scipy; }
	@# The interchange tests check exported files with onnx.checker and ONNX Runtime, and safetensors files with the
	@# safetensors package.
	@python3 -c "import onnx, onnxruntime, safetensors" 2>/dev/null || \
	  python3 -m pip install --quiet onnx onnxruntime safetensors 2>/dev/null || \
	  python3 -m pip install --quiet --break-system-packages onnx onnxruntime safetensors

# Training across processes: the NNDistributed package over Open MPI, a package of its own so that nothing else
# links MPI. `make distributed` builds nn and the shared library `nn train --distributed` loads, and puts the library
# beside nn; `make test-distributed` runs the package's tests under mpirun (2 and 4 processes) and the tool's check.
MPI_PACKAGES := libopenmpi-dev openmpi-bin
.PHONY: distributed distributed-deps test-distributed
distributed-deps: deps
	$(call install-missing,$(MPI_PACKAGES))

distributed: build distributed-deps
	$(SWIFT) build --package-path Packages/NNDistributed -c release --product NNDistributedRuntime
	cp Packages/NNDistributed/.build/release/libNNDistributedRuntime.so .build/release/

test-distributed: distributed
	$(SWIFT) build --package-path Packages/NNDistributed --build-tests
	$(SWIFT) test --package-path Packages/NNDistributed --skip-build
	Tests/Distributed/check-tool.sh
	$(SWIFT) package --package-path Packages/NNDistributed --allow-writing-to-directory \
	  Packages/NNDistributed/.build/documentation generate-documentation --target NNDistributed \
	  --output-path Packages/NNDistributed/.build/documentation --warnings-as-errors

format:
	$(SWIFT) format --in-place --recursive Package.swift Packages Sources Tests

# Runs the benchmark workloads and the reference scripts side by side, interleaved, and prints a table of medians;
# BENCH_FLAGS passes options on (`make bench BENCH_FLAGS="--reps 3 --only iris,sphere"`, see Benchmarks/compare -h).
# bench-deps adds what only the benchmarks need: FANN, the C reference of iris-online, iris-batch and iris-batches.
BENCH_APT_PACKAGES := libfann-dev
.PHONY: bench bench-deps
bench: deps bench-deps
	SWIFT="$(SWIFT)" Benchmarks/compare $(BENCH_FLAGS)

bench-deps:
	$(call install-missing,$(BENCH_APT_PACKAGES))

# The DocC documentation of NNCore, NNLayers, NNOptim, NNData, NNTraining and NNScaffolding as one static site in $(DOCS_DIRECTORY), with
# links between the libraries; read it with `python3 -m http.server --directory $(DOCS_DIRECTORY)` and
# http://localhost:8000/documentation/nnlayers. `make docs-check` builds it with every warning an error (a broken
# symbol link fails) and prints each library's documentation coverage.
DOCS_DIRECTORY ?= .build/documentation
DOCS_TARGETS := NNCore NNLayers NNOptim NNData NNTraining NNInterchange NNScaffolding
DOCS_FLAGS := $(foreach target,$(DOCS_TARGETS),--target $(target)) --enable-experimental-combined-documentation \
  --transform-for-static-hosting --output-path $(DOCS_DIRECTORY)

.PHONY: docs docs-check
docs:
	$(SWIFT) package --allow-writing-to-directory $(DOCS_DIRECTORY) generate-documentation $(DOCS_FLAGS)

docs-check:
	$(SWIFT) package --allow-writing-to-directory $(DOCS_DIRECTORY) generate-documentation $(DOCS_FLAGS) \
	  --warnings-as-errors --experimental-documentation-coverage --coverage-summary-level brief

# The test suite under the sanitizers, each build in its own folder (a first build takes some 3 minutes):
#   make sanitize-address   AddressSanitizer with LeakSanitizer on the Swift code, and UndefinedBehaviorSanitizer on
#                           the C the system-library shims compile into the modules (swiftc has no
#                           -sanitize=undefined on Linux; Swift's own overflow, bounds and exclusivity checks are on
#                           in every debug build): the suite, then nn train on two threads
#   make sanitize-thread    ThreadSanitizer: the suite (Swift Testing runs tests in parallel) and the same nn train
#   make sanitize           both
# The `nn` the tests run is the one built with the sanitizer. Every process writes its reports into the build folder's
# sanitizer-reports/, and any report fails the target (after printing it). Leaks inside the toolchain's libraries
# are suppressed by .ci/sanitizer-suppressions/lsan.supp, each with its reason. SANITIZE_FILTER passes a
# --filter on: `make sanitize-address SANITIZE_FILTER='NNDataTests|NNTrainingTests'`.
SANITIZE_FILTER ?=
# Left out of the sanitizer runs (and run by `make test`): the tests that run `nn` as other CPUs under qemu-user,
# which cannot host a sanitizer's shadow memory (the emulated process is killed before it starts).
SANITIZE_SKIP := InstructionSetTests
# lld when the toolchain has it: gold links the same but warns some 140 times a link about the runtime's symbols.
SANITIZER_LINKER := $(if $(wildcard $(SWIFT_DIRECTORY)ld.lld),-Xswiftc -use-ld=lld)
SANITIZER_SYMBOLIZER := $(if $(wildcard $(SWIFT_DIRECTORY)llvm-symbolizer),:external_symbolizer_path=$(SWIFT_DIRECTORY)llvm-symbolizer)
ADDRESS_SANITIZER_FLAGS := --sanitize=address -Xcc -fsanitize=undefined \
  -Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined $(SANITIZER_LINKER) --scratch-path .build-asan
THREAD_SANITIZER_FLAGS := --sanitize=thread $(SANITIZER_LINKER) --scratch-path .build-tsan
ADDRESS_SANITIZER_REPORTS := $(CURDIR)/.build-asan/sanitizer-reports
THREAD_SANITIZER_REPORTS := $(CURDIR)/.build-tsan/sanitizer-reports
# Stack frames are checked after their function returns too (an unsafe pointer kept past `withUnsafe…`).
ADDRESS_SANITIZER_ENVIRONMENT := \
  ASAN_OPTIONS=log_path=$(ADDRESS_SANITIZER_REPORTS)/report:detect_leaks=1:detect_stack_use_after_return=1$(SANITIZER_SYMBOLIZER) \
  UBSAN_OPTIONS=log_path=$(ADDRESS_SANITIZER_REPORTS)/report:halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/sanitizer-suppressions/lsan.supp:print_suppressions=0
THREAD_SANITIZER_ENVIRONMENT := TSAN_OPTIONS=log_path=$(THREAD_SANITIZER_REPORTS)/report$(SANITIZER_SYMBOLIZER)
# A run whose products are shared by two threads (layers this wide are past the fused kernel), and one whose batches
# the fused kernel cuts in two parts for two threads.
SANITIZER_TRAINING := train --layers 256,256 --activation relu --threads 2 --batch-size 150 --epochs 30 --log-every 30
SANITIZER_FUSED_TRAINING := train --layers 128,128 --activation relu --threads 2 --batch-size 150 --epochs 30 \
  --log-every 30

# LeakSanitizer's note when a thread of the process it checks at exit was starting or ending, so that it could not
# stop it (a known race of LeakSanitizer's, not a finding; the thread's own memory then goes unscanned).
LEAK_CHECK_RACE := was not suspended. False leaks are possible.

# $(call sanitized-run,<reports folder>,<environment>,<swift flags>): the suite and the training run, then the
# reports; fails when a command did or a report was written (a report holding only LEAK_CHECK_RACE notes is shown and
# set aside, and so is an empty one: a process killed just as its sanitizer opened the report, which the tests of
# killed saves can do to the `nn` processes they kill).
define sanitized-run
	rm -rf $(1) && mkdir -p $(1)
	status=0; \
	$(2) $(SWIFT) test $(3) $(if $(SANITIZE_FILTER),--filter '$(SANITIZE_FILTER)') --skip '$(SANITIZE_SKIP)' || status=1; \
	$(2) "$$($(SWIFT) build $(3) --show-bin-path)/nn" $(SANITIZER_TRAINING) || status=1; \
	$(2) "$$($(SWIFT) build $(3) --show-bin-path)/nn" $(SANITIZER_FUSED_TRAINING) || status=1; \
	for report in $(1)/*; do \
	  if [ -e "$$report" ] && [ ! -s "$$report" ]; then \
	    echo "(an empty report, $$report: a process killed as its sanitizer opened it, not a finding)"; \
	    rm -f "$$report"; \
	  elif [ -s "$$report" ] && ! grep -qvF '$(LEAK_CHECK_RACE)' "$$report"; then \
	    cat "$$report"; echo "(a note of LeakSanitizer's race with a starting or ending thread, not a finding)"; \
	    rm -f "$$report"; \
	  fi; \
	done; \
	if [ -n "$$(ls -A $(1))" ]; then cat $(1)/*; echo "sanitizer reports above, kept in $(1)"; status=1; fi; \
	exit $$status
endef

.PHONY: sanitize sanitize-address sanitize-thread
sanitize: sanitize-address sanitize-thread

sanitize-address: deps
	$(call sanitized-run,$(ADDRESS_SANITIZER_REPORTS),$(ADDRESS_SANITIZER_ENVIRONMENT),$(ADDRESS_SANITIZER_FLAGS))

sanitize-thread: deps
	$(call sanitized-run,$(THREAD_SANITIZER_REPORTS),$(THREAD_SANITIZER_ENVIRONMENT),$(THREAD_SANITIZER_FLAGS))

# Coverage-guided fuzzing of every reader of outside input (MAT, iris and CSV data, network specifications, component
# requests, model files) with libFuzzer and AddressSanitizer: builds the package in Tests/Fuzz and runs each target
# FUZZ_SECONDS seconds (`make fuzz FUZZ_SECONDS=300`); findings are written to Tests/Fuzz/.build/fuzz/artifacts, and
# make fails on those in nn's own code (libmatio's and HDF5's are counted apart). See Tests/Fuzz/README.md.
FUZZ_SECONDS ?= 30
.PHONY: fuzz
fuzz: deps
	SWIFT="$(SWIFT)" FUZZ_SECONDS="$(FUZZ_SECONDS)" Tests/Fuzz/fuzz
