// `pipgrub graph`: the installed packages as a dependency tree (pipdeptree's text, as Pipenv prints),
// `--reverse` (who needs each package), `--json` (flat list) and `--json-tree` (nested).

import { installedGraph, openVenv, type InstalledNode as GraphNode } from '@pipgrub/venv';
import type { Context } from '../context';
import { requireVenv } from '../venv-paths';

function treeLines(nodes: Map<string, GraphNode>, roots: string[], children: (n: GraphNode) => Array<{ key: string; label: string }>): string[] {
  const lines: string[] = [];
  const walk = (key: string, depth: number, label: string, path: Set<string>) => {
    const node = nodes.get(key)!;
    lines.push(depth === 0 ? `${node.name}==${node.version}` : `${'  '.repeat(depth)}- ${label}`);
    if (path.has(key)) return; // a cycle: show the package, not its subtree again
    const next = new Set(path).add(key);
    for (const c of children(node)) walk(c.key, depth + 1, c.label, next);
  };
  for (const r of roots) walk(r, 0, '', new Set());
  return lines;
}

export async function graph(ctx: Context): Promise<number> {
  const venv = await openVenv(requireVenv(ctx));
  const nodes = await installedGraph(venv);
  const sorted = [...nodes.values()].sort((a, b) => a.key.localeCompare(b.key));
  const dependents = new Map<string, Array<{ key: string; required: string }>>();
  for (const n of sorted) for (const d of n.dependencies) (dependents.get(d.key) ?? dependents.set(d.key, []).get(d.key)!).push({ key: n.key, required: d.required });

  if (ctx.flag('json')) {
    const data = sorted.map((n) => ({
      package: { key: n.key, package_name: n.name, installed_version: n.version },
      dependencies: n.dependencies.map((d) => ({ key: d.key, package_name: nodes.get(d.key)!.name, installed_version: nodes.get(d.key)!.version, required_version: d.required })),
    }));
    ctx.out.result(JSON.stringify(data, null, 2));
    return 0;
  }
  if (ctx.flag('json-tree')) {
    const build = (key: string, required: string, path: Set<string>): object => {
      const n = nodes.get(key)!;
      const next = new Set(path).add(key);
      return {
        key: n.key,
        package_name: n.name,
        installed_version: n.version,
        required_version: required,
        dependencies: path.has(key) ? [] : n.dependencies.map((d) => build(d.key, d.required, next)),
      };
    };
    const roots = sorted.filter((n) => !dependents.has(n.key));
    ctx.out.result(JSON.stringify(roots.map((r) => build(r.key, r.version, new Set())), null, 2));
    return 0;
  }
  if (ctx.flag('reverse')) {
    const leaves = sorted.filter((n) => n.dependencies.length === 0).map((n) => n.key);
    const lines = treeLines(nodes, leaves, (n) =>
      (dependents.get(n.key) ?? []).map((d) => ({ key: d.key, label: `${nodes.get(d.key)!.name}==${nodes.get(d.key)!.version} [requires: ${n.name}${d.required === 'Any' ? '' : d.required}]` })),
    );
    ctx.out.result(lines.join('\n'));
    return 0;
  }
  const roots = sorted.filter((n) => !dependents.has(n.key)).map((n) => n.key);
  const lines = treeLines(nodes, roots, (n) =>
    n.dependencies.map((d) => ({ key: d.key, label: `${nodes.get(d.key)!.name} [required: ${d.required}, installed: ${nodes.get(d.key)!.version}]` })),
  );
  ctx.out.result(lines.join('\n'));
  return 0;
}
