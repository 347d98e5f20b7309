// Validates rendered Kubernetes objects: the schema of each kind (kubernetes-models, KEDA models,
// Strimzi structural checks), unknown fields, names, and references between the objects of one render
// (ConfigMap keys, claims, Service selectors and ports, scale targets, Ingress backends).
import { execFileSync } from "node:child_process";
import yaml from "js-yaml";
import { unknownFields } from "./strict-fields.mjs";
import { validateStrimzi } from "./strimzi.mjs";

/** Secrets the manifests reference but that are created outside the repository (deploy/README.md). */
export const externalSecrets = new Set(["streaming-secrets", "streaming-tls"]);

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const labelKinds = new Set(["Service", "Namespace"]);

/** Runs `kubectl kustomize <dir>` and parses the multi-document YAML it prints. */
export function render(dir) {
  const out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return yaml.loadAll(out).filter((o) => o !== null && o !== undefined);
}

function modelModule(apiVersion, kind) {
  if (apiVersion.startsWith("keda.sh/")) return `@kubernetes-models/keda/${apiVersion}/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

async function schemaErrors(o) {
  const strimzi = validateStrimzi(o);
  if (strimzi !== null) return { errors: strimzi, checkedBy: "strimzi structural check" };
  const module = modelModule(String(o.apiVersion), String(o.kind));
  let Model;
  try {
    Model = (await import(module))[o.kind];
  } catch {
    return { errors: [`no schema for ${o.apiVersion} ${o.kind}: add a model package or a structural check`], checkedBy: "none" };
  }
  const errors = [];
  try {
    new Model(o).validate();
  } catch (e) {
    errors.push(...String(e.message).split(/,\s*(?=data)/).map((m) => m.replace(/^data\/?/, "").trim()));
  }
  errors.push(...unknownFields(o, module));
  return { errors, checkedBy: module };
}

function nameErrors(o) {
  const name = o.metadata?.name;
  if (typeof name !== "string" || name === "") return ["metadata.name: required"];
  const pattern = labelKinds.has(o.kind) ? dns1123Label : dns1123Subdomain;
  const limit = labelKinds.has(o.kind) ? 63 : 253;
  return pattern.test(name) && name.length <= limit ? [] : [`metadata.name: '${name}' is not a valid ${labelKinds.has(o.kind) ? "DNS-1123 label" : "DNS-1123 subdomain"}`];
}

const podSpecOf = (o) => (o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template : o.spec?.template);
const workloadKinds = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet"]);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

function matchesExpressions(selector, labels) {
  if (!matches(selector?.matchLabels, labels)) return false;
  return (selector?.matchExpressions ?? []).every((e) => {
    const has = labels && Object.hasOwn(labels, e.key);
    switch (e.operator) {
      case "In": return has && e.values.includes(labels[e.key]);
      case "NotIn": return !has || !e.values.includes(labels[e.key]);
      case "Exists": return has;
      case "DoesNotExist": return !has;
      default: return false;
    }
  });
}

/** Cross-object checks within one render; returns [{ object, error }]. */
export function referenceErrors(objects) {
  const problems = [];
  const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
  const workloads = objects.filter((o) => workloadKinds.has(o.kind));
  const pods = workloads.map((w) => ({ w, t: podSpecOf(w) })).filter((p) => p.t);
  const report = (o, error) => problems.push({ object: `${o.kind}/${o.metadata?.name}`, error });

  for (const { w, t } of pods) {
    const claims = new Set((w.spec?.volumeClaimTemplates ?? []).map((c) => c.metadata?.name));
    for (const v of t.spec?.volumes ?? []) {
      if (v.persistentVolumeClaim && !find("PersistentVolumeClaim", v.persistentVolumeClaim.claimName)) report(w, `volume ${v.name}: PersistentVolumeClaim ${v.persistentVolumeClaim.claimName} is not rendered`);
      if (v.configMap && !find("ConfigMap", v.configMap.name)) report(w, `volume ${v.name}: ConfigMap ${v.configMap.name} is not rendered`);
      if (v.secret && !find("Secret", v.secret.secretName) && !externalSecrets.has(v.secret.secretName)) report(w, `volume ${v.name}: Secret ${v.secret.secretName} is neither rendered nor a documented external secret`);
    }
    const volumeNames = new Set([...(t.spec?.volumes ?? []).map((v) => v.name), ...claims]);
    for (const c of [...(t.spec?.initContainers ?? []), ...(t.spec?.containers ?? [])]) {
      for (const m of c.volumeMounts ?? []) {
        if (!volumeNames.has(m.name)) report(w, `container ${c.name}: volumeMount ${m.name} has no volume`);
      }
      const defined = new Set();
      for (const e of c.env ?? []) {
        const cm = e.valueFrom?.configMapKeyRef;
        if (cm) {
          const map = find("ConfigMap", cm.name);
          if (!map) report(w, `container ${c.name}: env ${e.name} reads ConfigMap ${cm.name}, which is not rendered`);
          else if (!Object.hasOwn(map.data ?? {}, cm.key)) report(w, `container ${c.name}: env ${e.name} reads key ${cm.key}, missing from ConfigMap ${cm.name}`);
        }
        const sk = e.valueFrom?.secretKeyRef;
        if (sk && !find("Secret", sk.name) && !externalSecrets.has(sk.name)) report(w, `container ${c.name}: env ${e.name} reads Secret ${sk.name}, neither rendered nor a documented external secret`);
        for (const ref of String(e.value ?? "").matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
          if (!defined.has(ref[1])) report(w, `container ${c.name}: env ${e.name} uses $(${ref[1]}), which is not defined before it`);
        }
        defined.add(e.name);
      }
      for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
        const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port;
        if (typeof port === "string" && !(c.ports ?? []).some((p) => p.name === port)) report(w, `container ${c.name}: ${probe} uses port '${port}', not declared`);
      }
    }
    if (t.spec?.serviceAccountName && t.spec.serviceAccountName !== "default" && !find("ServiceAccount", t.spec.serviceAccountName)) {
      report(w, `serviceAccountName ${t.spec.serviceAccountName} is not rendered`);
    }
    if (w.spec?.selector?.matchLabels && !matchesExpressions(w.spec.selector, t.metadata?.labels)) report(w, "spec.selector does not match the pod template labels");
  }

  for (const s of objects.filter((o) => o.kind === "Service" && o.spec?.selector)) {
    const backing = pods.filter(({ t }) => matches(s.spec.selector, t.metadata?.labels));
    if (backing.length === 0) { report(s, "selector matches no pod template"); continue; }
    for (const p of s.spec.ports ?? []) {
      const target = p.targetPort ?? p.port;
      const ok = backing.every(({ t }) => (t.spec?.containers ?? []).some((c) => (c.ports ?? []).some((cp) => (typeof target === "string" ? cp.name === target : cp.containerPort === target))));
      if (!ok) report(s, `port ${p.name ?? p.port}: targetPort ${target} is not a container port of the selected pods`);
    }
  }

  for (const o of objects) {
    const ref = o.kind === "HorizontalPodAutoscaler" || o.kind === "ScaledObject" ? o.spec?.scaleTargetRef : null;
    if (ref && !find(ref.kind ?? "Deployment", ref.name)) report(o, `scaleTargetRef ${ref.kind ?? "Deployment"}/${ref.name} is not rendered`);
    if (o.kind === "PodDisruptionBudget" && !pods.some(({ t }) => matchesExpressions(o.spec?.selector, t.metadata?.labels))) report(o, "selector matches no pod template");
    if (o.kind === "Ingress") {
      for (const rule of o.spec?.rules ?? []) for (const path of rule.http?.paths ?? []) {
        const svc = path.backend?.service;
        const target = svc && find("Service", svc.name);
        if (!target) report(o, `${rule.host}${path.path}: Service ${svc?.name} is not rendered`);
        else if (!(target.spec?.ports ?? []).some((p) => (svc.port?.name ? p.name === svc.port.name : p.port === svc.port?.number))) report(o, `${rule.host}${path.path}: Service ${svc.name} has no port ${svc.port?.name ?? svc.port?.number}`);
      }
    }
  }
  return problems;
}

/** Validates one render; returns { count, kinds, errors: [string] }. */
export async function validateObjects(objects, label) {
  const errors = [];
  const kinds = new Map();
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    const { errors: schema, checkedBy } = await schemaErrors(o);
    kinds.set(`${o.apiVersion} ${o.kind}`, checkedBy);
    for (const e of [...schema, ...nameErrors(o)]) errors.push(`${label}: ${id}: ${e}`);
  }
  for (const p of referenceErrors(objects)) errors.push(`${label}: ${p.object}: ${p.error}`);
  return { count: objects.length, kinds, errors };
}
