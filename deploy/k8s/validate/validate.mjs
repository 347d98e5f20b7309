#!/usr/bin/env node
// Offline validation of the deployment files. Commands (paths relative to the current directory):
//   kustomize <dir>...      render each kustomization and validate every object (schemas, unknown
//                           fields, names, references); exit 1 on any error
//   render <dir>            print the rendered objects as one JSON array (used by the C# tests)
//   yaml2json <file>        print the documents of a YAML file as one JSON array (used by the C# tests)
//   otel <file>             check an OpenTelemetry Collector config
//   dashboard <file>        check a Grafana dashboard JSON
import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { render, validateObjects } from "./lib/kubernetes.mjs";
import { validateCollectorConfig } from "./lib/otel.mjs";
import { validateDashboard } from "./lib/dashboard.mjs";

const [command, ...args] = process.argv.slice(2);

function fail(lines) {
  for (const line of lines) console.error(`  ERROR ${line}`);
  process.exitCode = 1;
}

async function kustomize(dirs) {
  if (dirs.length === 0) throw new Error("kustomize: give at least one kustomization directory");
  for (const dir of dirs) {
    const objects = render(dir);
    const { count, kinds, errors } = await validateObjects(objects, dir);
    console.log(`${dir}: ${count} objects, ${errors.length} error(s)`);
    for (const [kind, by] of [...kinds].sort()) console.log(`    ${kind.padEnd(58)} ${by}`);
    if (errors.length) fail(errors);
  }
}

function loadYamlDocuments(file) {
  return yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d !== null && d !== undefined);
}

switch (command) {
  case "kustomize":
    await kustomize(args);
    break;
  case "render":
    process.stdout.write(JSON.stringify(render(args[0])));
    break;
  case "yaml2json":
    process.stdout.write(JSON.stringify(loadYamlDocuments(args[0])));
    break;
  case "otel": {
    const errors = validateCollectorConfig(loadYamlDocuments(args[0])[0]);
    console.log(`${args[0]}: collector config, ${errors.length} error(s)`);
    if (errors.length) fail(errors);
    break;
  }
  case "dashboard": {
    const errors = validateDashboard(JSON.parse(readFileSync(args[0], "utf8")));
    console.log(`${args[0]}: Grafana dashboard, ${errors.length} error(s)`);
    if (errors.length) fail(errors);
    break;
  }
  default:
    console.error("usage: validate.mjs kustomize <dir>... | render <dir> | yaml2json <file> | otel <file> | dashboard <file>");
    process.exitCode = 2;
}
