#!/usr/bin/env bash
# Runs the CI test command N times, each time in a fresh clone of this repository's HEAD (install step and build
# included, as CI does), and prints per run: pass/fail counts, wall time and the slowest 5 tests; then a summary.
#
#   bash scripts/test-repeat.sh 3
#
# Clones go to a sibling folder of the repository (so ../shared is found as in CI) and are removed after each run
# unless it failed. Uncommitted changes are not part of HEAD and so not tested: commit first.
set -uo pipefail
runs=${1:-3}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 N (N >= 1)" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
head=$(git -C "$repo" rev-parse HEAD)
short=${head:0:7}
if [[ -n "$(git -C "$repo" status --porcelain)" ]]; then
  echo "note: uncommitted changes in $repo are not tested (HEAD $short is)" >&2
fi

green=0
summary=()
for ((run = 1; run <= runs; run++)); do
  clone="$repo/../test-repeat-$run"
  rm -rf "$clone"
  git clone -q "$repo" "$clone"
  # Every run tests the same commit, even if the repository moves on meanwhile.
  git -C "$clone" checkout -q --detach "$head"
  results="$clone/.test-results"
  log="$clone.log"
  echo "== run $run/$runs: fresh clone of $short in $clone (log: $log)"
  started=$SECONDS
  (cd "$clone" && CI=true TEST_RESULTS_DIR="$results" bash test.sh) >"$log" 2>&1
  rc=$?
  wall=$((SECONDS - started))

  # Every test result of every trx file: outcome, duration (s), name.
  table=$(cat "$results"/*.trx 2>/dev/null | tr '\n' ' ' | grep -o '<UnitTestResult [^>]*>' | awk '
    {
      name = ""; outcome = ""; d = "0";
      if (match($0, /testName="[^"]*"/)) name = substr($0, RSTART + 10, RLENGTH - 11);
      if (match($0, /outcome="[^"]*"/)) outcome = substr($0, RSTART + 9, RLENGTH - 10);
      if (match($0, /duration="[^"]*"/)) {
        split(substr($0, RSTART + 10, RLENGTH - 11), t, ":"); d = t[1] * 3600 + t[2] * 60 + t[3];
      }
      printf "%s\t%.2f\t%s\n", outcome, d, name;
    }')
  # Counts from the runner's own per-project summary lines (exact even if two trx files shared a timestamp).
  passed=$(grep -E '^(Passed|Failed)! ' "$log" | grep -oE 'Passed: +[0-9]+' | awk '{ s += $2 } END { print s + 0 }')
  failed=$(grep -E '^(Passed|Failed)! ' "$log" | grep -oE 'Failed: +[0-9]+' | awk '{ s += $2 } END { print s + 0 }')
  other=$(grep -E '^(Passed|Failed)! ' "$log" | grep -oE 'Skipped: +[0-9]+' | awk '{ s += $2 } END { print s + 0 }')
  projects=$(grep -cE '^(Passed|Failed)! ' "$log")
  verdict=$([[ $rc -eq 0 ]] && echo green || echo RED)
  [[ $rc -eq 0 ]] && green=$((green + 1))
  printf 'run %d: %s (exit %d), %d test projects, %d passed, %d failed, %d skipped, wall %dm%02ds\n' "$run" "$verdict" "$rc" "$projects" "$passed" "$failed" "$other" $((wall / 60)) $((wall % 60))
  echo "  slowest 5 tests:"
  sort -t$'\t' -k2,2 -gr <<<"$table" | head -n 5 | awk -F'\t' '{ printf "    %8.2f s  %s\n", $2, $3 }'
  if ((failed > 0)); then
    echo "  failed:"
    grep -E '^ +Failed ' "$log" | sed 's/^ */    /' | sort -u
  fi
  if ((rc != 0)); then
    echo "  last lines of the log:"
    tail -n 15 "$log" | sed 's/^/    /'
    echo "  (clone kept for inspection: $clone)"
  else
    rm -rf "$clone"
  fi
  summary+=("run $run: $verdict, $passed passed, $failed failed, ${wall}s")
done

echo
echo "== $green of $runs runs green (HEAD $short)"
printf '  %s\n' "${summary[@]}"
((green == runs))
