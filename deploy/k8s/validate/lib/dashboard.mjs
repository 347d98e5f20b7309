// Structural check of a Grafana dashboard JSON model (what Grafana's provisioning would reject or show
// as broken panels), plus the list of PromQL expressions for the metric-contract test.
export function validateDashboard(d) {
  const errors = [];
  for (const key of ["title", "uid", "panels", "schemaVersion"]) if (d[key] === undefined) errors.push(`${key}: required`);
  if (typeof d.uid === "string" && !/^[a-zA-Z0-9_-]{1,40}$/.test(d.uid)) errors.push("uid: 1-40 of [a-zA-Z0-9_-]");
  const ids = new Set();
  const variables = new Set((d.templating?.list ?? []).map((v) => v.name));
  for (const [i, p] of (d.panels ?? []).entries()) {
    const where = `panels[${i}] (${p.title ?? "untitled"})`;
    if (!Number.isInteger(p.id) || ids.has(p.id)) errors.push(`${where}: id must be a unique integer`);
    ids.add(p.id);
    const g = p.gridPos;
    if (!g || ![g.x, g.y, g.w, g.h].every(Number.isInteger) || g.x + g.w > 24) errors.push(`${where}: gridPos x+w must fit 24 columns`);
    if (p.type === "row") continue;
    if (!p.title) errors.push(`${where}: title required`);
    if (!(p.targets ?? []).length) errors.push(`${where}: no queries`);
    for (const t of p.targets ?? []) {
      if (typeof t.expr !== "string" || t.expr.trim() === "") errors.push(`${where}: target ${t.refId}: empty expr`);
      for (const v of String(t.expr).matchAll(/\$(\w+)/g)) if (!variables.has(v[1]) && !v[1].startsWith("__")) errors.push(`${where}: target ${t.refId}: unknown variable $${v[1]}`);
      const uid = t.datasource?.uid ?? p.datasource?.uid;
      if (uid !== "${datasource}") errors.push(`${where}: target ${t.refId}: datasource must be the \${datasource} variable`);
    }
  }
  return errors;
}
