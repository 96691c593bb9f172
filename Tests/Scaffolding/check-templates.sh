#!/usr/bin/env bash
# Keeps the templates from rotting: scaffolds one component of every kind with `nn new` into a scratch copy of the
# repository, checks that NNCore was not touched and that the generated code is formatted, builds the copy once,
# runs the new components' tests and the conformance suites, and trains with the new components. A user's own
# package is checked by check-user-package.sh.
#
#   Tests/Scaffolding/check-templates.sh          uses .build/debug/nn (built by `swift test`), else builds it
#   NN=path/to/nn SWIFT=swift KEEP=1 …            another nn, another toolchain, keep the scratch folder
#
# Prints "check-templates: PASS …" or "check-templates: FAIL: <reason>" last, and exits non-zero on failure.
set -euo pipefail

repository="$(cd "$(dirname "$0")/../.." && pwd)"
swift="${SWIFT:-swift}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/nn-check-templates.XXXXXX")"
started=$SECONDS
step="starting"

finish() {
  local status=$?
  if [ "${KEEP:-0}" = 1 ]; then echo "scratch copy kept in $scratch"; else rm -rf "$scratch"; fi
  # SwiftPM leaves lock files named after the build folders in the temporary folder.
  rm -f "$(dirname "$scratch")/$(printf '%s' "$scratch" | tr '/' '_')"_*.lock
  if [ $status -ne 0 ]; then echo "check-templates: FAIL: $step (status $status)"; fi
  exit $status
}
trap finish EXIT

say() { step="$1"; echo "== $1"; }

say "finding nn"
nn="${NN:-$repository/.build/debug/nn}"
if [ ! -x "$nn" ]; then
  (cd "$repository" && "$swift" build --product nn)
fi

say "copying the repository (tracked and untracked files, no build folders) to $scratch"
# shellcheck source=working-tree.sh
source "$repository/Tests/Scaffolding/working-tree.sh"
copy_working_tree "$repository" "$scratch"
cd "$scratch"
git init -q && git add -A && git -c user.name=check -c user.email=check@localhost commit -q -m baseline

# kind, type name, extra arguments
components=(
  "activation TemplateActivation --param beta=1.5"
  "layer TemplateLayer"
  "loss TemplateLoss"
  "optimizer TemplateOptimizer"
  "initializer TemplateInitializer"
  "loss TemplateOptimLoss --package NNOptim"
)
filter="ConformanceTests"
for component in "${components[@]}"; do
  read -r kind name extra <<<"$component"
  say "nn new $kind $name ${extra:-}"
  # shellcheck disable=SC2086
  "$nn" new "$kind" "$name" --root "$scratch" ${extra:-} >/dev/null
  filter="$filter|${name}Tests"
done

say "checking that NNCore is untouched"
if [ -n "$(git status --porcelain -- Packages/NNCore)" ]; then
  git diff --stat -- Packages/NNCore
  false
fi

say "checking that the generated files are formatted"
generated=$(git status --porcelain --untracked-files=all | awk '/^\?\? .*\.swift$/ { print $2 }')
if "$swift" format --version >/dev/null 2>&1; then
  # shellcheck disable=SC2086
  "$swift" format lint --strict --configuration .swift-format $generated
else
  echo "(swift format is not available: skipped)"
fi

say "building the copy and running the new components' tests and the conformance suites"
if ! "$swift" build --build-tests >"$scratch/.build.log" 2>&1; then
  grep -E "error:" "$scratch/.build.log" | sort -u | head -n 40 || tail -n 40 "$scratch/.build.log"
  false
fi
if ! "$swift" test --skip-build --filter "$filter" >"$scratch/.test.log" 2>&1; then
  grep -E "✘|error" "$scratch/.test.log" | head -n 40 || tail -n 40 "$scratch/.test.log"
  false
fi
grep -E "Test run with [0-9]+ tests" "$scratch/.test.log"

say "training with the new activation, loss, optimizer and initializer"
.build/debug/nn train --activation template_activation --loss template_loss --optimizer template_optimizer \
  --init template_initializer --epochs 100 --quiet --json --save "$scratch/custom-model.json" | tail -n 1

say "a model saved with the new components loads back where they are registered, and only there"
.build/debug/nn eval --model "$scratch/custom-model.json" --data iris --json | tail -n 1
if "$nn" eval --model "$scratch/custom-model.json" --data iris >"$scratch/.foreign.log" 2>&1; then
  echo "a registry without the new components loaded the model" >&2
  false
fi
if ! grep -q "template_" "$scratch/.foreign.log" || ! grep -q "known" "$scratch/.foreign.log"; then
  echo "the refusal does not name the unknown component and the registered ones:" >&2
  cat "$scratch/.foreign.log" >&2
  false
fi
head -c 300 "$scratch/.foreign.log"; echo

step="done"
echo "check-templates: PASS (${#components[@]} components scaffolded, built and tested) in $((SECONDS - started)) s"
