#!/usr/bin/env bash
# Runs every test of the repository: build (zero warnings), unit + integration + end-to-end suites
# against real redis-server, RabbitMQ and the librdkafka dev broker, then the offline deployment checks.
# Benchmarks are never run here (they live in tests/Streaming.Benchmarks).
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh

echo "== build"
dotnet build Streaming.sln -c Release -nologo -clp:NoSummary -warnaserror

echo "== tests"
# Each test project runs in its own process; xunit fixtures start their own redis-server / dev broker /
# RabbitMQ on free ports, so suites do not share state.
# TEST_RESULTS_DIR (set by scripts/test-repeat.sh) adds a trx file per project there, for per-test timings.
results=()
if [[ -n "${TEST_RESULTS_DIR:-}" ]]; then results=(--logger "trx;LogFilePrefix=tests" --results-directory "$TEST_RESULTS_DIR"); fi
dotnet test Streaming.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "${results[@]}" -- RunConfiguration.TestSessionTimeout=1500000

echo "== deployment validation"
bash deploy/validate.sh
