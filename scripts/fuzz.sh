#!/usr/bin/env bash
# Fuzzes every public entry point of the core (fuzz/fuzz_targets/*.rs, one per api function plus
# the totals invariant) with libFuzzer through cargo-fuzz, at the lowest CPU priority.
#   scripts/fuzz.sh [seconds] [target…]   seconds per target (default 60); all targets by default
#   FUZZ_JOBS=2 scripts/fuzz.sh 600       run two targets at once
#   scripts/fuzz.sh seeds                 refresh the committed seeds from the grown corpora
# Installs cargo-fuzz when missing (nightly Rust is needed: `rustup toolchain install nightly`).
# Prints executions and findings per target; a crash is kept in fuzz/artifacts/<target>/ and
# makes the script exit non-zero. New corpus entries stay in fuzz/corpus/<target>/ (ignored by
# git; only the seed-* files there are committed).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }

# The seeds: up to 24 inputs of at most 4 KiB per target, spread over the sizes found, named
# seed-<hash> so git keeps them (the rest of fuzz/corpus is ignored).
if [ "${1:-}" = "seeds" ]; then
  for dir in fuzz/corpus/*/; do
    rm -f "$dir"seed-*
    mapfile -t files < <(find "$dir" -type f -size -4097c -printf '%s %p\n' | sort -n | awk '{print $2}')
    n=${#files[@]}
    for i in $(seq 0 23); do
      [ "$n" -eq 0 ] && break
      f=${files[$((i * n / 24))]}
      cp "$f" "$dir/seed-$(sha1sum "$f" | cut -c1-12)"
    done
    log "$(ls "$dir" | grep -c '^seed-') seeds in $dir"
  done
  exit 0
fi

seconds=${1:-60}
shift || true
bash scripts/setup.sh --fuzz

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(ls fuzz/fuzz_targets | sed -n 's/\.rs$//p')
fi
jobs=${FUZZ_JOBS:-1}

# Release with debug assertions, so an arithmetic overflow is a finding rather than a silent wrap.
# No sanitizer: the crate is safe Rust, and without ASan libFuzzer runs several times faster.
flags=(-O -a -s none)
log "building ${#targets[@]} targets"
nice -n 19 cargo +nightly fuzz build "${flags[@]}" >/dev/null

outdir=$(mktemp -d)
run() {
  local t=$1
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  local start=$SECONDS
  set +e
  nice -n 19 cargo +nightly fuzz run "${flags[@]}" "$t" -- \
    -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=4096 -timeout=10 \
    >"$outdir/$t.log" 2>&1
  echo $? >"$outdir/$t.rc"
  set -e
  echo $((SECONDS - start)) >"$outdir/$t.time"
}

for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  log "running $t for ${seconds}s"
  run "$t" &
done
wait

failed=0
printf '\n%-22s %8s %14s %10s  %s\n' target seconds executions corpus findings
for t in "${targets[@]}"; do
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$outdir/$t.log" | tail -1)
  corpus=$(ls "fuzz/corpus/$t" | wc -l)
  rc=$(cat "$outdir/$t.rc")
  if [ "$rc" -eq 0 ]; then
    findings=none
  else
    failed=1
    findings="exit $rc: $(grep -m1 -E 'panicked|ERROR: libFuzzer|SUMMARY' "$outdir/$t.log" || true)"
    findings+=" ($(ls -t "fuzz/artifacts/$t" 2>/dev/null | head -1 | sed "s|^|fuzz/artifacts/$t/|"))"
    cp "$outdir/$t.log" "fuzz/artifacts/$t/last-run.log"
  fi
  printf '%-22s %8s %14s %10s  %s\n' "$t" "$(cat "$outdir/$t.time")" "${execs:-?}" "$corpus" "$findings"
done
rm -rf "$outdir"
exit $failed
