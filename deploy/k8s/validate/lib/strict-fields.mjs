// Unknown-field check. The JSON schemas compiled into kubernetes-models accept extra properties (as the
// API server's non-strict decoding does), so a typo such as `livenesProbe` would pass silently. The
// packages' type declarations list every field of every type; this walks an object along them and
// reports any property the type does not declare (what `kubectl apply --validate=strict` would reject).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const nodeModules = resolve(dirname(fileURLToPath(import.meta.url)), "..", "node_modules");
const parsed = new Map();

/** Declaration file of a module specifier, relative to the importing file or a bare package path. */
function resolveDeclaration(specifier, fromFile) {
  const base = specifier.startsWith(".") ? resolve(dirname(fromFile), specifier) : join(nodeModules, specifier);
  const candidates = [base.replace(/\.js$/, ".d.ts"), `${base}.d.ts`, join(base, "index.d.ts")];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/**
 * Parses the primary interface of a declaration file into { fields: Map<name, ref|null>, open: bool }.
 * ref = { file } for an object type declared elsewhere; null for scalars, enums, inline maps.
 */
function parseDeclaration(file) {
  if (parsed.has(file)) return parsed.get(file);
  const text = readFileSync(file, "utf8").replace(/\/\*\*[\s\S]*?\*\//g, "");
  const imports = new Map();
  for (const m of text.matchAll(/import \{ ([^}]+) \} from "([^"]+)";/g)) {
    for (const name of m[1].split(",").map((s) => s.trim())) imports.set(name, m[2]);
  }
  const iface = text.match(/export interface (\w+)(?: extends [\w, ]+)? \{\n([\s\S]*?)\n\}/);
  let result = null;
  if (iface) {
    const fields = new Map();
    let open = false;
    let depth = 0;
    for (const line of iface[2].split("\n")) {
      if (depth === 0) {
        if (/^\s*\[key: string\]/.test(line)) open = true;
        const field = line.match(/^\s{4}"([^"]+)"\??: (.*?);?$/);
        if (field) {
          const type = field[2];
          const named = type.match(/^(?:Array<)?(I\w+)>?$/);
          const spec = named ? imports.get(named[1]) : undefined;
          const target = spec ? resolveDeclaration(spec, file) : null;
          fields.set(field[1], target ? { file: target } : null);
        }
      }
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    }
    result = { fields, open };
  }
  parsed.set(file, result);
  return result;
}

function walk(value, file, path, errors) {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, file, `${path}[${i}]`, errors));
    return;
  }
  const decl = parseDeclaration(file);
  if (!decl || decl.open) return;
  for (const [key, child] of Object.entries(value)) {
    if (!decl.fields.has(key)) {
      errors.push(`${path ? path + "." : ""}${key}: unknown field`);
      continue;
    }
    const ref = decl.fields.get(key);
    if (ref) walk(child, ref.file, path ? `${path}.${key}` : key, errors);
  }
}

/** Unknown fields of `object` according to the declaration file of its model class. */
export function unknownFields(object, modelModule) {
  const file = resolveDeclaration(modelModule, join(nodeModules, "x"));
  if (!file) throw new Error(`no type declarations for ${modelModule}`);
  const errors = [];
  walk(object, file, "", errors);
  return errors;
}
