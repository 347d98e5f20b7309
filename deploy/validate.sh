#!/usr/bin/env bash
# Offline validation of everything under deploy/ and docker-compose.yml (no Docker engine, no cluster).
# Runs every check, prints what it checked, exits non-zero if any failed.
#   deploy/validate.sh                 all checks
#   deploy/validate.sh --no-publish    skip the dotnet publish of each Dockerfile's project (reported as SKIPPED)
# Needs: docker-compose (v1) or docker compose, kubectl, promtool, node + npm, dotnet. Installs nothing
# except `npm ci` in deploy/k8s/validate.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
validator=deploy/k8s/validate
publish=1
for arg in "$@"; do
  case "$arg" in
    --no-publish) publish=0 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=()
passed=0

# check NAME COMMAND...: runs the command, shows its output on failure (and a short tail on success).
check() {
  local name="$1"; shift
  local log="$work/log"
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "PASS  $name"
    tail -n 3 "$log" | sed 's/^/        /'
  else
    failures+=("$name")
    echo "FAIL  $name"
    sed 's/^/        /' "$log" | tail -n 60
  fi
}

need() {
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "FAIL  required tool '$tool' is not on PATH" >&2
      exit 1
    fi
  done
}

need kubectl promtool node npm dotnet
if command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  echo "FAIL  neither docker-compose nor 'docker compose' is available" >&2
  exit 1
fi

echo "== node validator: npm ci in $validator"
if ! (cd "$validator" && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1); then
  cat "$work/npm.log"
  echo "FAIL  npm ci in $validator" >&2
  exit 1
fi

echo "== docker compose"
check "docker-compose.yml is a valid compose file (${compose[*]} config -q)" "${compose[@]}" -f docker-compose.yml config -q

echo "== kustomize (render) and Kubernetes schemas"
for dir in deploy/k8s/base deploy/k8s/overlays/dev deploy/k8s/overlays/prod; do
  check "kubectl kustomize $dir renders" kubectl kustomize "$dir" -o "$work/$(basename "$dir").yaml"
done
check "every rendered object: schema (kubernetes-models, KEDA, Strimzi), unknown fields, names, references" \
  node "$validator/validate.mjs" kustomize deploy/k8s/base deploy/k8s/overlays/dev deploy/k8s/overlays/prod
check "the validator itself rejects broken manifests (node --test)" bash -c "cd '$validator' && node --test test/"
check "OpenTelemetry Collector config structure" node "$validator/validate.mjs" otel deploy/observability/otel-collector.yaml
check "Grafana dashboard structure" node "$validator/validate.mjs" dashboard deploy/observability/grafana/streaming-dashboard.json

echo "== Prometheus"
check "promtool check rules (alerts.yml)" promtool check rules deploy/observability/prometheus/alerts.yml
check "promtool test rules (alerts.test.yml)" bash -c "cd deploy/observability/prometheus && promtool test rules alerts.test.yml"
check "promtool check config (compose prometheus.yml)" promtool check config deploy/observability/prometheus/prometheus.yml
# Debian's promtool is built without kubernetes_sd; check the rest of the file with that block swapped.
k8s_prom="$work/prometheus-kubernetes.yml"
sed -e 's/kubernetes_sd_configs:/file_sd_configs:/' -e 's/- role: pod/- files: [targets.json]/' \
    -e "s#/etc/prometheus/rules/alerts.yml#$root/deploy/observability/prometheus/alerts.yml#" \
    deploy/observability/prometheus/prometheus-kubernetes.yml >"$k8s_prom"
check "promtool check config (prometheus-kubernetes.yml, kubernetes_sd swapped for file_sd)" promtool check config "$k8s_prom"

echo "== Dockerfiles: the project each one names publishes the way the Dockerfile does"
if [ "$publish" = 1 ]; then
  publish_one() {
    local dockerfile="$1" out="$2"
    local project dll
    project="$(sed -n 's/^ARG PROJECT=\(.*\)$/\1/p' "$dockerfile" | head -n 1)"
    dll="$(sed -n 's/^ENTRYPOINT \["dotnet", "\([^"]*\)"\]$/\1/p' "$dockerfile" | head -n 1)"
    if [ -z "$project" ] || [ -z "$dll" ]; then
      echo "$dockerfile: no 'ARG PROJECT=' or no 'ENTRYPOINT [\"dotnet\", \"X.dll\"]' line"
      return 1
    fi
    if [ ! -f "$project" ]; then
      echo "$dockerfile names $project, which does not exist: the service must exist before the image can build"
      return 1
    fi
    # Same flags as the Dockerfile (x64 = the CI platform); obj/bin go to a scratch artifacts path.
    dotnet publish "$project" -c Release -a x64 --no-self-contained -p:UseAppHost=false \
      --artifacts-path "$out/artifacts" -o "$out/app" -nologo -clp:ErrorsOnly || return 1
    dotnet publish deploy/docker/HealthProbe/HealthProbe.csproj -c Release \
      --artifacts-path "$out/artifacts" -o "$out/app/healthprobe" -nologo -clp:ErrorsOnly || return 1
    [ -f "$out/app/$dll" ] || { echo "published output has no $dll (ENTRYPOINT)"; return 1; }
    [ -f "$out/app/healthprobe/HealthProbe.dll" ] || { echo "published output has no healthprobe/HealthProbe.dll (HEALTHCHECK)"; return 1; }
    if [ -f "$out/app/Confluent.Kafka.dll" ] && [ ! -f "$out/app/centos8-librdkafka.so" ]; then
      echo "uses Confluent.Kafka but centos8-librdkafka.so is not in the output (KafkaNative needs it on Ubuntu/Debian)"
      return 1
    fi
    echo "$project -> $dll ($(du -sh "$out/app" | cut -f1))"
  }
  for dockerfile in deploy/docker/*.Dockerfile; do
    name="$(basename "$dockerfile" .Dockerfile)"
    check "$dockerfile: dotnet publish of its project" publish_one "$dockerfile" "$work/publish/$name"
  done
else
  echo "SKIPPED  dotnet publish of each Dockerfile's project (--no-publish): images are NOT known to build"
  failures_skipped=1
fi

echo "== manifests agree with the code"
check "dotnet test tests/Streaming.Deployment.Tests (ports, health paths, env vars, topics, metrics, runbook)" \
  dotnet test tests/Streaming.Deployment.Tests -c Release -nologo --logger "console;verbosity=minimal"

echo
echo "$passed passed, ${#failures[@]} failed${failures_skipped:+, 1 skipped}"
if [ "${#failures[@]}" -gt 0 ]; then
  printf '  failed: %s\n' "${failures[@]}"
  exit 1
fi
