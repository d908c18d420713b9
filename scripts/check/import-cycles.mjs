// Fails when the product's modules import each other in a circle (type-only imports count: a
// circle of types is a type declared in the wrong file). Reads src/ as text; no dependencies.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const src = join(root, "src");

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
const graph = new Map();
for (const file of sourceFiles(src)) {
  const targets = [];
  for (const [, spec] of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
    const target = resolve(dirname(file), spec).replace(/\.js$/, ".ts");
    if (existsSync(target)) targets.push(target);
  }
  graph.set(file, targets);
}

// Tarjan's strongly connected components: every component of more than one module is a circle.
let index = 0;
const stack = [];
const info = new Map();
const circles = [];
function visit(node) {
  info.set(node, { index, low: index, onStack: true });
  index++;
  stack.push(node);
  for (const next of graph.get(node) ?? []) {
    if (!info.has(next)) {
      visit(next);
      info.get(node).low = Math.min(info.get(node).low, info.get(next).low);
    } else if (info.get(next).onStack) {
      info.get(node).low = Math.min(info.get(node).low, info.get(next).index);
    }
  }
  if (info.get(node).low === info.get(node).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      info.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) circles.push(component);
  }
}
for (const node of graph.keys()) if (!info.has(node)) visit(node);

if (circles.length > 0) {
  console.error(
    `${circles.length} import circle(s) in src/ (move the shared type to its producer):`,
  );
  for (const circle of circles) {
    console.error(
      `- ${circle
        .map((file) => relative(root, file))
        .sort()
        .join(" <-> ")}`,
    );
  }
  process.exit(1);
}
console.log(`no import circles among ${graph.size} modules`);
