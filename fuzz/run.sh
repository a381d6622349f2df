#!/usr/bin/env bash
# Run fuzz targets: `fuzz/run.sh [SECONDS] [TARGET...]` (default 60 s each, every target).
# Seeds each corpus from the spec examples and event-ruler vectors first. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); nightly features are enabled on the stable toolchain through
# RUSTC_BOOTSTRAP. Crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parse_pattern test_event_pattern jsonl_request flatten machine_vs_eval api_decode)
fi
export RUSTC_BOOTSTRAP=1
python3 fuzz/seed.py
for t in "${targets[@]}"; do
  echo "== $t ($secs s)"
  cargo fuzz run -O "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -max_len=8192 -print_final_stats=1 2>&1 \
    | grep -E "^(stat::|#[0-9]+.*DONE|==|SUMMARY|Done)" || true
done
