// The validator must reject what a cluster (or the tool reading the file) would reject: each test
// breaks one thing in a fresh render and expects exactly that to be reported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { render, validateObjects } from "../lib/kubernetes.mjs";
import { validateCollectorConfig } from "../lib/otel.mjs";
import { validateDashboard } from "../lib/dashboard.mjs";

const deploy = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const overlays = ["dev", "prod"].map((o) => join(deploy, "k8s", "overlays", o));
const devRender = render(overlays[0]);
const fresh = () => structuredClone(devRender);
const pick = (objects, kind, name) => objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));

async function errorsAfter(mutate) {
  const objects = fresh();
  mutate(objects);
  return (await validateObjects(objects, "dev")).errors;
}

async function assertReports(mutate, pattern) {
  const errors = await errorsAfter(mutate);
  assert.ok(errors.some((e) => pattern.test(e)), `expected an error matching ${pattern}, got:\n${errors.join("\n") || "(none)"}`);
}

for (const overlay of overlays) {
  test(`overlay ${overlay.split("/").pop()} renders without errors`, async () => {
    const { errors, count } = await validateObjects(render(overlay), overlay);
    assert.ok(count > 30);
    assert.deepEqual(errors, []);
  });
}

test("misspelt container field is an unknown field", () =>
  assertReports((o) => {
    const c = pick(o, "Deployment", "gateway").spec.template.spec.containers[0];
    c.livenesProbe = c.livenessProbe;
  }, /Deployment\/gateway: .*containers\[0\]\.livenesProbe: unknown field/));

test("string where the schema wants an integer", () =>
  assertReports((o) => { pick(o, "Deployment", "gateway").spec.template.spec.containers[0].ports[0].containerPort = "8080"; }, /containerPort must be integer/));

test("ScaledObject is checked against the KEDA schema", () =>
  assertReports((o) => { pick(o, "ScaledObject").spec.maxReplicaCount = "12"; }, /ScaledObject\/taste-worker: spec\/maxReplicaCount must be integer/));

test("KafkaTopic structure: unknown field and partitions below 1", async () => {
  const errors = await errorsAfter((o) => {
    const t = pick(o, "KafkaTopic", "listening-events");
    t.spec.partition = 3;
    t.spec.partitions = 0;
  });
  assert.ok(errors.some((e) => /spec\.partition: unknown field/.test(e)));
  assert.ok(errors.some((e) => /spec\.partitions: integer >= 1/.test(e)));
});

test("KafkaTopic without its cluster label", () =>
  assertReports((o) => { delete pick(o, "KafkaTopic", "listening-events.dlq").metadata.labels["strimzi.io/cluster"]; }, /strimzi\.io\/cluster: required/));

test("env read from a ConfigMap key that does not exist", () =>
  assertReports((o) => {
    pick(o, "Deployment", "recommender").spec.template.spec.containers[0].env
      .find((e) => e.name === "OTEL_EXPORTER_OTLP_ENDPOINT").valueFrom.configMapKeyRef.key = "otlp";
  }, /env OTEL_EXPORTER_OTLP_ENDPOINT reads key otlp, missing/));

test("$(VAR) used before it is defined", () =>
  assertReports((o) => {
    const env = pick(o, "Deployment", "taste-worker").spec.template.spec.containers[0].env;
    env.splice(env.findIndex((e) => e.name === "REDIS_PASSWORD"), 1);
  }, /uses \$\(REDIS_PASSWORD\), which is not defined/));

test("Service targetPort that no selected container declares", () =>
  assertReports((o) => { pick(o, "Service", "recommender").spec.ports[0].targetPort = 9090; }, /Service\/recommender: port http: targetPort 9090/));

test("Ingress backend pointing at a missing Service", () =>
  assertReports((o) => { pick(o, "Ingress").spec.rules[1].http.paths[0].backend.service.name = "recommendations"; }, /Service recommendations is not rendered/));

test("HPA scaling a Deployment that is not rendered", () =>
  assertReports((o) => { pick(o, "HorizontalPodAutoscaler", "gateway").spec.scaleTargetRef.name = "api-gateway"; }, /scaleTargetRef Deployment\/api-gateway/));

test("claim of a volume that is not rendered", () =>
  assertReports((o) => {
    pick(o, "Deployment", "catalog").spec.template.spec.volumes.find((v) => v.persistentVolumeClaim).persistentVolumeClaim.claimName = "snapshots";
  }, /PersistentVolumeClaim snapshots is not rendered/));

test("a kind without a schema is an error, not a pass", () =>
  assertReports((o) => { o.push({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }); }, /no schema for example\.com\/v1 Widget/));

test("collector: a pipeline naming an undefined exporter, memory_limiter not first", () => {
  const config = yaml.load(readFileSync(join(deploy, "observability", "otel-collector.yaml"), "utf8"));
  assert.deepEqual(validateCollectorConfig(structuredClone(config)), []);
  config.service.pipelines.traces.exporters = ["otlp/tempo"];
  config.service.pipelines.logs.processors = ["batch", "memory_limiter"];
  const errors = validateCollectorConfig(config);
  assert.ok(errors.some((e) => /traces\.exporters: otlp\/tempo is not defined/.test(e)), errors.join("\n"));
  assert.ok(errors.some((e) => /logs: memory_limiter must be the first processor/.test(e)), errors.join("\n"));
});

test("dashboard: duplicate panel ids and an unknown variable", () => {
  const dashboard = JSON.parse(readFileSync(join(deploy, "observability", "grafana", "streaming-dashboard.json"), "utf8"));
  assert.deepEqual(validateDashboard(structuredClone(dashboard)), []);
  dashboard.panels[2].id = dashboard.panels[1].id;
  dashboard.panels[3].targets[0].expr += ' + on() vector($service)';
  const errors = validateDashboard(dashboard);
  assert.ok(errors.some((e) => /id must be a unique integer/.test(e)), errors.join("\n"));
  assert.ok(errors.some((e) => /unknown variable \$service/.test(e)), errors.join("\n"));
});
