#!/usr/bin/env bash
# nn as a dependency, the way a user's package takes it: makes a git repository of the working tree tagged with the
# tool's version, copies Tests/ExamplePlugin (a user's package: its own activation, plugin, test and program) out
# of the repository, points its dependency URL at that repository (a SwiftPM mirror, so its Package.swift stays
# word for word what the README shows), and then runs the README's commands of "In your own package" in it:
# build, test, run the program (which trains the iris network with the package's own activation, saves and loads
# it, and loads a model written by the dependency's own `nn train --save`), scaffold a new component into the
# package with the dependency's `nn new --package-path`, and build and test again.
#
#   Tests/Scaffolding/check-user-package.sh
#   SWIFT=swift KEEP=1 …                          another toolchain, keep the scratch folder
#
# Prints "check-user-package: PASS …" or "check-user-package: FAIL: <step>" last, and exits non-zero on failure.
set -euo pipefail

repository="$(cd "$(dirname "$0")/../.." && pwd)"
swift="${SWIFT:-swift}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/nn-check-user-package.XXXXXX")"
started=$SECONDS
step="starting"

finish() {
  local status=$?
  if [ "${KEEP:-0}" = 1 ]; then echo "scratch folder kept in $scratch"; else rm -rf "$scratch"; fi
  rm -f "$(dirname "$scratch")/$(printf '%s' "$scratch" | tr '/' '_')"_*.lock
  if [ $status -ne 0 ]; then echo "check-user-package: FAIL: $step (status $status)"; fi
  exit $status
}
trap finish EXIT

say() { step="$1"; echo "== $1"; }

# Runs a command with its output in a log, printing the errors and the log's end when it fails.
logged() {
  local log="$scratch/$1.log"
  shift
  if ! "$@" >"$log" 2>&1; then
    grep -E "error:|✘|Fatal error" "$log" | sort -u | head -n 40 || true
    tail -n 30 "$log"
    return 1
  fi
}

version="$(sed -n 's/.*version: "\([0-9][0-9.]*\)".*/\1/p' "$repository/Sources/nn/NN.swift" | head -n 1)"
say "making a git repository of the working tree, tagged $version"
# shellcheck source=working-tree.sh
source "$repository/Tests/Scaffolding/working-tree.sh"
copy_working_tree "$repository" "$scratch/nn"
(
  cd "$scratch/nn"
  git init -q
  git add -A
  git -c user.name=check -c user.email=check@localhost commit -q -m "nn $version"
  git tag "$version"
)

say "copying Tests/ExamplePlugin out of the repository, its dependency mirrored to that repository"
cp -R "$scratch/nn/Tests/ExamplePlugin" "$scratch/ExamplePlugin"
user="$scratch/ExamplePlugin"
url="$(sed -n 's/.*\.package(url: "\([^"]*\)".*/\1/p' "$user/Package.swift" | head -n 1)"
[ -n "$url" ]
(cd "$user" && "$swift" package config set-mirror --original "$url" --mirror "file://$scratch/nn")

say "extracting the README's commands of \"In your own package\""
awk '/<!-- user-package-commands -->/ { found = 1; next } found && /^```sh/ { inside = 1; next }
  inside && /^```/ { exit } inside { print }' "$repository/README.md" >"$scratch/commands.sh"
[ -s "$scratch/commands.sh" ]
cat "$scratch/commands.sh"

say "running them in the user's package"
cd "$user"
logged commands bash -euo pipefail -x "$scratch/commands.sh"
grep -E "softsign-demo: ok|Test run with [0-9]+ tests" "$scratch/commands.log"

say "checking what nn new wrote: the source, its test, one registration"
[ -f Sources/Softsign/Mish.swift ] && [ -f Tests/SoftsignTests/MishTests.swift ]
[ "$(grep -c 'registrar.register(activation: Mish.entry)' Sources/Softsign/SoftsignPlugin.swift)" = 1 ]

step="done"
echo "check-user-package: PASS (a package depending on nn $version by URL built, tested, trained and scaffolded" \
  "into) in $((SECONDS - started)) s"
