/**
 * What the browser gets: every module reachable from a "use client" module is bundled for the
 * browser, so none of them may reach the database layer (`db/`: the schema with its column
 * names, drizzle-orm, the SQLite driver) or a module marked `server-only`. The walk follows
 * value imports and re-exports (type-only ones are erased) and stops at "use server" modules,
 * which the client gets as references only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const config = ts.parseJsonConfigFileContent(
  ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile).config,
  ts.sys,
  root,
);
const FORBIDDEN_PACKAGES = new Set(["drizzle-orm", "better-sqlite3", "server-only"]);

function sourceOf(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

function directives(source: ts.SourceFile): string[] {
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    found.push(statement.expression.text);
  }
  return found;
}

/** The specifiers a module loads at run time: value imports, re-exports, dynamic imports. */
function runtimeImports(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      !node.isTypeOnly
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** For each forbidden module reached from `entry`, the chain of imports that reaches it. */
function forbiddenReach(entry: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = sourceOf(file);
    if (chain.length > 0 && directives(source).includes("use server")) return;
    const here = [...chain, path.relative(root, file)];
    for (const specifier of runtimeImports(source)) {
      const resolved = ts.resolveModuleName(specifier, file, config.options, ts.sys).resolvedModule
        ?.resolvedFileName;
      const inPackage =
        resolved === undefined || resolved.includes(`${path.sep}node_modules${path.sep}`);
      if (inPackage) {
        if (!specifier.startsWith(".") && FORBIDDEN_PACKAGES.has(packageName(specifier))) {
          problems.push([...here, specifier].join(" → "));
        }
        continue;
      }
      if (path.relative(root, resolved).split(path.sep)[0] === "db") {
        problems.push([...here, path.relative(root, resolved)].join(" → "));
        continue;
      }
      if (/\.tsx?$/.test(resolved) && !resolved.endsWith(".d.ts")) walk(resolved, here);
    }
  };
  walk(entry, []);
  return problems;
}

const clientModules = [
  ...sourceFiles(path.join(root, "app")),
  ...sourceFiles(path.join(root, "lib")),
]
  .filter((file) => directives(sourceOf(file)).includes("use client"))
  .map((file) => path.relative(root, file));

describe("client modules", () => {
  it("are found", () => {
    expect(clientModules.length).toBeGreaterThan(10);
  });

  it("are caught reaching the schema through another module, but not through types or actions", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nap-client-imports-"));
    try {
      const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
      write(
        "form.tsx",
        `"use client";\nimport { ROLES } from "./constants";\nimport type { Plan } from "@/db/schema";\nimport { saveAction } from "./actions";\n`,
      );
      write("constants.ts", `export { users as ROLES } from "@/db/schema";\n`);
      write("actions.ts", `"use server";\nimport { getDb } from "@/db/client";\n`);
      expect(forbiddenReach(path.join(dir, "form.tsx"))).toEqual([
        `${path.relative(root, path.join(dir, "form.tsx"))} → ${path.relative(root, path.join(dir, "constants.ts"))} → db/schema.ts`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(clientModules)("%s reaches neither db/ nor server-only code", (file) => {
    expect(forbiddenReach(path.join(root, file))).toEqual([]);
  });
});
