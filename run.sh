#!/usr/bin/env bash
# Runs the whole system on this machine (no Docker) and replays listening sessions through it:
# installs what is missing, builds, starts the Aspire AppHost (Redis, RabbitMQ, the Kafka dev broker,
# the catalog build, gateway, taste workers, recommender, catalog API, dashboard), waits until every
# service is ready, then replays sessions as a fleet of player clients and writes a report.
#
#   bash run.sh                     # real data from ../shared/data when present, else synthetic
#   bash run.sh --source synthetic  # force the synthetic generator
#   bash run.sh --exit              # stop everything after the replay instead of waiting for Ctrl+C
set -euo pipefail
cd "$(dirname "$0")"
repo=$(pwd)

source_kind=""
exit_after=0
replay_extra=()
while (($#)); do
  case "$1" in
    --source) source_kind="$2"; shift 2 ;;
    --exit) exit_after=1; shift ;;
    *) replay_extra+=("$1"); shift ;;
  esac
done

data_dir="$repo/../shared/data"
if [[ -z "$source_kind" ]]; then
  if [[ -d "$data_dir/streaming-history" ]]; then source_kind=history; else source_kind=synthetic; fi
fi
if [[ "$source_kind" == history ]]; then
  data_dir=$(cd "$data_dir" && pwd)
  # Vectors for the replay are trained on MPD and each user's warm-up part only (no leakage).
  catalog_args="--data $data_dir --warmup-fraction 0.7"
  replay_args=(--source history --data "$data_dir/streaming-history")
else
  catalog_args="--synthetic --seed 42"
  replay_args=(--source synthetic --seed 42)
fi

scripts/install-deps.sh

echo "== build"
dotnet build Streaming.sln -c Release -nologo -clp:NoSummary -v quiet

state="$repo/.run"
# A replay scores against a fresh system: Redis from an earlier run would still hold these users' plays
# (their "recent" filter would hide the very tracks being scored) and old trending and transitions.
rm -rf "$state/redis"
mkdir -p "$state"/{redis,catalog,rabbitmq/mnesia,rabbitmq/log}
chown -R rabbitmq:rabbitmq "$state/rabbitmq" 2>/dev/null || true
chmod o+x "$state" "$repo" 2>/dev/null || true

signing_key="dev-only-signing-key-not-for-production-0123456789"
log="$state/apphost.log"
echo "== starting the AppHost (log: $log)"
ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  dotnet run --project deploy/Streaming.AppHost -c Release --no-build --launch-profile http -- \
  "DevStack:CatalogBuildArgs=$catalog_args" "DevStack:SigningKey=$signing_key" >"$log" 2>&1 &
apphost=$!
cleanup() {
  kill "$apphost" 2>/dev/null || true
  wait "$apphost" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

declare -A services=([gateway]=5101 [recommender]=5102 [catalog]=5103 [taste-worker-1]=5104 [taste-worker-2]=5114)
deadline=$((SECONDS + 900))
for name in "${!services[@]}"; do
  url="http://127.0.0.1:${services[$name]}/health/ready"
  until curl -fs -o /dev/null "$url"; do
    if ! kill -0 "$apphost" 2>/dev/null; then echo "AppHost exited; see $log" >&2; tail -n 40 "$log" >&2; exit 1; fi
    if ((SECONDS > deadline)); then echo "$name not ready at $url; see $log" >&2; exit 1; fi
    sleep 2
  done
  echo "ready: $name $url -> $(curl -fsS "$url")"
done

dashboard=$(grep -oE 'http://127\.0\.0\.1:18888[^ ]*' "$log" | head -n1 || true)
echo
echo "Dashboard:    ${dashboard:-http://127.0.0.1:18888}"
echo "Gateway:      http://127.0.0.1:5101  (POST /v1/events, OpenAPI /openapi/v1.json)"
echo "Recommender:  http://127.0.0.1:5102  (GET /v1/users/{id}/next)"
echo "Catalog:      http://127.0.0.1:5103  (GET /v1/catalog/version)"
echo

report="$repo/reports/replay-$(date -u +%Y%m%dT%H%M%SZ)"
echo "== replay ($source_kind) -> $report"
Auth__SigningKey="$signing_key" dotnet run --project tests/Streaming.Replay -c Release --no-build -- live \
  --gateway http://127.0.0.1:5101 --recommender http://127.0.0.1:5102 \
  --report "$report" "${replay_args[@]}" "${replay_extra[@]}"

echo
echo "Report:    $report/summary.md"
echo "Dashboard: ${dashboard:-http://127.0.0.1:18888} (traces: gateway -> Kafka -> taste worker -> Redis)"
if ((exit_after)); then exit 0; fi
echo "The system keeps running; Ctrl+C stops it."
wait "$apphost"
