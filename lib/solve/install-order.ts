// The order to install solved packages in: dependencies first. micromamba installs an explicit file line by line
// (libmamba create_explicit_transaction_from_urls knows no dependencies), so the lock lists packages in that
// order, as conda itself does after its own topological sort.

/** A package name and the names it depends on. */
export interface DependencyNode {
  name: string;
  /** Match specs as in repodata ("python >=3.9", "__glibc >=2.17,<3.0.a0"). */
  depends: readonly string[];
}

const dependencyName = (spec: string) => /^[^\s=<>!~[]+/.exec(spec.trim())?.[0] ?? spec.trim();

/**
 * Names in install order: a package after everything it depends on, ties by name; a cycle is broken at the
 * package most others wait for (python in conda-forge's python ↔ pip cycle).
 * @example installOrder([{ name: 'pip', depends: ['python >=3.8'] }, { name: 'python', depends: [] }]) // ['python', 'pip']
 */
export function installOrder(nodes: readonly DependencyNode[]): string[] {
  const names = new Set(nodes.map((node) => node.name));
  const unmet = new Map(nodes.map((node) => [node.name, new Set(node.depends.map(dependencyName).filter((dep) => names.has(dep) && dep !== node.name))]));
  const order: string[] = [];
  while (unmet.size > 0) {
    const ready = [...unmet].filter(([, deps]) => deps.size === 0).map(([name]) => name);
    // A cycle (conda-forge's python ↔ pip): break it at the package most of the others wait for.
    const dependents = (name: string) => [...unmet.values()].filter((deps) => deps.has(name)).length;
    const chosen =
      ready.length > 0
        ? ready.sort()[0]
        : [...unmet.keys()].sort((a, b) => dependents(b) - dependents(a) || unmet.get(a)!.size - unmet.get(b)!.size || (a < b ? -1 : 1))[0];
    order.push(chosen);
    unmet.delete(chosen);
    for (const deps of unmet.values()) deps.delete(chosen);
  }
  return order;
}
