// Structural check of an OpenTelemetry Collector configuration: every component a pipeline names is
// defined, every defined component is used, and the parts the services depend on are there.
const sections = ["receivers", "processors", "exporters", "connectors", "extensions"];

export function validateCollectorConfig(config) {
  const errors = [];
  if (config === null || typeof config !== "object") return ["config: not a mapping"];
  for (const key of Object.keys(config)) {
    if (![...sections, "service"].includes(key)) errors.push(`${key}: unknown top-level section`);
  }
  const defined = Object.fromEntries(sections.map((s) => [s, new Set(Object.keys(config[s] ?? {}))]));
  const used = Object.fromEntries(sections.map((s) => [s, new Set()]));
  for (const ext of config.service?.extensions ?? []) {
    used.extensions.add(ext);
    if (!defined.extensions.has(ext)) errors.push(`service.extensions: ${ext} is not defined`);
  }
  const pipelines = config.service?.pipelines ?? {};
  if (Object.keys(pipelines).length === 0) errors.push("service.pipelines: none defined");
  for (const [name, p] of Object.entries(pipelines)) {
    const signal = name.split("/")[0];
    if (!["traces", "metrics", "logs"].includes(signal)) errors.push(`service.pipelines.${name}: unknown signal`);
    for (const part of ["receivers", "processors", "exporters"]) {
      for (const id of p[part] ?? []) {
        const section = defined[part].has(id) ? part : defined.connectors.has(id) && part !== "processors" ? "connectors" : null;
        if (!section) errors.push(`service.pipelines.${name}.${part}: ${id} is not defined`);
        else used[section].add(id);
      }
    }
    if (!(p.receivers ?? []).length) errors.push(`service.pipelines.${name}: no receivers`);
    if (!(p.exporters ?? []).length) errors.push(`service.pipelines.${name}: no exporters`);
    if ((p.processors ?? []).includes("memory_limiter") && p.processors[0] !== "memory_limiter") {
      errors.push(`service.pipelines.${name}: memory_limiter must be the first processor`);
    }
  }
  for (const s of sections) {
    for (const id of defined[s]) if (!used[s].has(id)) errors.push(`${s}.${id}: defined but used by no pipeline`);
  }
  const otlp = config.receivers?.otlp?.protocols;
  if (!otlp?.grpc || !String(otlp.grpc.endpoint ?? "").endsWith(":4317")) errors.push("receivers.otlp.protocols.grpc.endpoint: must listen on 4317 (OTEL_EXPORTER_OTLP_ENDPOINT of the services)");
  for (const signal of ["traces", "metrics", "logs"]) {
    if (!Object.keys(pipelines).some((n) => n.split("/")[0] === signal)) errors.push(`service.pipelines: no ${signal} pipeline (the services export all three)`);
  }
  return errors;
}
