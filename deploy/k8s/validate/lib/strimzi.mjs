// Strimzi resources have no kubernetes-models package: a hand-written structural check of the fields
// this repository uses, following the KafkaTopic / Kafka / KafkaNodePool CRD schemas (v1beta2 and v1).
// Unknown fields are errors here too.

const apiVersions = new Set(["kafka.strimzi.io/v1beta2", "kafka.strimzi.io/v1"]);
const kafkaTopicName = /^[a-zA-Z0-9._-]{1,249}$/;

const isInt = (v) => Number.isInteger(v);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function allowOnly(obj, allowed, path, errors) {
  if (!isObject(obj)) {
    errors.push(`${path}: must be an object`);
    return false;
  }
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) errors.push(`${path}.${key}: unknown field`);
  }
  return true;
}

function clusterLabel(o, errors) {
  const cluster = o.metadata?.labels?.["strimzi.io/cluster"];
  if (typeof cluster !== "string" || cluster === "") {
    errors.push("metadata.labels.strimzi.io/cluster: required (the Kafka cluster that owns this resource)");
  }
}

function kafkaTopic(o, errors) {
  clusterLabel(o, errors);
  const spec = o.spec;
  if (!allowOnly(spec, ["topicName", "partitions", "replicas", "config"], "spec", errors)) return;
  const name = spec.topicName ?? o.metadata?.name;
  if (typeof name !== "string" || !kafkaTopicName.test(name)) errors.push(`spec.topicName: invalid Kafka topic name '${name}'`);
  if (spec.partitions !== undefined && !(isInt(spec.partitions) && spec.partitions >= 1)) errors.push("spec.partitions: integer >= 1");
  if (spec.replicas !== undefined && !(isInt(spec.replicas) && spec.replicas >= 1 && spec.replicas <= 32767)) errors.push("spec.replicas: integer 1..32767");
  if (spec.config !== undefined) {
    if (!isObject(spec.config)) errors.push("spec.config: must be a map");
    else for (const [k, v] of Object.entries(spec.config)) {
      if (!["string", "number", "boolean"].includes(typeof v)) errors.push(`spec.config.${k}: must be a string, number or boolean`);
    }
  }
}

function kafkaNodePool(o, errors) {
  clusterLabel(o, errors);
  const spec = o.spec;
  if (!allowOnly(spec, ["replicas", "roles", "storage", "resources", "jvmOptions", "template"], "spec", errors)) return;
  if (!isInt(spec.replicas) || spec.replicas < 0) errors.push("spec.replicas: required integer >= 0");
  if (!Array.isArray(spec.roles) || spec.roles.length === 0 || spec.roles.some((r) => !["controller", "broker"].includes(r))) {
    errors.push("spec.roles: required, a non-empty list of controller/broker");
  }
  const storage = spec.storage;
  if (!isObject(storage) || !["jbod", "persistent-claim", "ephemeral"].includes(storage.type)) {
    errors.push("spec.storage.type: one of jbod, persistent-claim, ephemeral");
  } else if (storage.type === "jbod") {
    if (!Array.isArray(storage.volumes) || storage.volumes.length === 0) errors.push("spec.storage.volumes: required for jbod");
    else storage.volumes.forEach((v, i) => {
      allowOnly(v, ["id", "type", "size", "class", "deleteClaim", "kraftMetadata", "selector", "overrides"], `spec.storage.volumes[${i}]`, errors);
      if (!isInt(v.id)) errors.push(`spec.storage.volumes[${i}].id: required integer`);
      if (!["persistent-claim", "ephemeral"].includes(v.type)) errors.push(`spec.storage.volumes[${i}].type: persistent-claim or ephemeral`);
      if (v.type === "persistent-claim" && typeof v.size !== "string") errors.push(`spec.storage.volumes[${i}].size: required for persistent-claim`);
      if (v.kraftMetadata !== undefined && v.kraftMetadata !== "shared") errors.push(`spec.storage.volumes[${i}].kraftMetadata: only "shared"`);
    });
  }
}

function kafka(o, errors) {
  const spec = o.spec;
  if (!allowOnly(spec, ["kafka", "zookeeper", "entityOperator", "cruiseControl", "kafkaExporter", "clusterCa", "clientsCa", "maintenanceTimeWindows"], "spec", errors)) return;
  if (!allowOnly(spec.kafka, ["version", "metadataVersion", "replicas", "listeners", "config", "storage", "authorization", "rack", "resources", "jvmOptions", "logging", "metricsConfig", "template"], "spec.kafka", errors)) return;
  const listeners = spec.kafka.listeners;
  if (!Array.isArray(listeners) || listeners.length === 0) errors.push("spec.kafka.listeners: required, non-empty");
  else listeners.forEach((l, i) => {
    const p = `spec.kafka.listeners[${i}]`;
    allowOnly(l, ["name", "port", "type", "tls", "authentication", "configuration", "networkPolicyPeers"], p, errors);
    if (typeof l.name !== "string" || !/^[a-z0-9]{1,11}$/.test(l.name)) errors.push(`${p}.name: lower-case letters and digits, at most 11`);
    if (!isInt(l.port) || l.port < 9092) errors.push(`${p}.port: integer >= 9092`);
    if (!["internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"].includes(l.type)) errors.push(`${p}.type: unknown listener type '${l.type}'`);
    if (typeof l.tls !== "boolean") errors.push(`${p}.tls: required boolean`);
  });
  if (spec.kafka.config !== undefined && !isObject(spec.kafka.config)) errors.push("spec.kafka.config: must be a map");
  if (spec.entityOperator !== undefined) allowOnly(spec.entityOperator, ["topicOperator", "userOperator", "template"], "spec.entityOperator", errors);
  const annotations = o.metadata?.annotations ?? {};
  if (spec.kafka.replicas === undefined && annotations["strimzi.io/node-pools"] !== "enabled") {
    errors.push("metadata.annotations.strimzi.io/node-pools: 'enabled' is required when spec.kafka.replicas is absent");
  }
}

const checks = { KafkaTopic: kafkaTopic, KafkaNodePool: kafkaNodePool, Kafka: kafka };

export const strimziKinds = new Set(Object.keys(checks));

/** Errors of a Strimzi resource, or null when the object is not one this module knows. */
export function validateStrimzi(o) {
  if (!strimziKinds.has(o.kind) || !String(o.apiVersion).startsWith("kafka.strimzi.io/")) return null;
  const errors = [];
  if (!apiVersions.has(o.apiVersion)) errors.push(`apiVersion: ${o.apiVersion} is not served by Strimzi (use ${[...apiVersions].join(" or ")})`);
  allowOnly(o, ["apiVersion", "kind", "metadata", "spec"], "", errors);
  if (typeof o.metadata?.name !== "string") errors.push("metadata.name: required");
  checks[o.kind](o, errors);
  return errors.map((e) => e.replace(/^\./, ""));
}
