/**
 * What a set of packages pulls in, read from package-lock.json: each name found as Node finds it
 * (the requiring package's own node_modules, then each folder above), and everything it depends
 * on, optional dependencies included.
 */
export interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  engines?: { node?: string };
  os?: string[];
  cpu?: string[];
  [field: string]: unknown;
}

export function lockClosure(
  packages: Record<string, LockPackage>,
  roots: readonly string[],
): { paths: Set<string>; missing: string[] } {
  const paths = new Set<string>();
  const missing: string[] = [];
  const visit = (from: string, name: string): void => {
    for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf("/node_modules/")))) {
      const path = `${base === "" ? "" : `${base}/`}node_modules/${name}`;
      const entry = packages[path];
      if (entry !== undefined) {
        if (paths.has(path)) return;
        paths.add(path);
        for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
          visit(path, dep);
        }
        return;
      }
      if (base === "") {
        missing.push(`${name} (needed by ${from || "the package"})`);
        return;
      }
    }
  };
  for (const name of roots) visit("", name);
  return { paths, missing };
}
