#!/usr/bin/env bash
# Coverage-guided fuzzing on stable Rust, without cargo-fuzz (which needs nightly).
#
#   fuzz/run-stable.sh project_file 300     # target, seconds
#   fuzz/run-stable.sh ron_tree 300
#
# Builds the target with libFuzzer's coverage instrumentation (stable -C flags; no sanitizer),
# fuzzes a scratch copy of the seed corpus, and leaves any crashing input in fuzz/artifacts/.
# The build is a release build of the whole app with instrumentation: the first one takes a
# while (about 25 minutes on 2 cores), so it uses its own target folder and never disturbs the
# normal one. Add a crash input to fuzz/corpus/<target>/ once fixed, so tests/fuzz_corpus.rs
# keeps checking it on stable CI.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:?which target: project_file or ron_tree}"
seconds="${2:-300}"

export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-${TMPDIR:-/tmp}/hazard-workshop-fuzz-target}"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
host="$(rustc -vV | sed -n 's/^host: //p')"
# --target keeps the instrumentation flags away from build scripts and proc macros.
cargo build --release --bin "$target" --target "$host"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "corpus/$target/." "$scratch/"
mkdir -p artifacts
"$CARGO_TARGET_DIR/$host/release/$target" "$scratch" \
  -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
  -artifact_prefix="artifacts/$target-"
