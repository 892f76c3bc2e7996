/**
 * The methods each route handler under app/api implements, read from the sources once at
 * start-up, so that scripts/server.ts answers an unsupported method with a JSON 405 and an
 * Allow header (Next's own 405 is empty and names no method).
 */
import fs from "node:fs";
import path from "node:path";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

type Route = { pattern: RegExp; methods: string[]; rank: number[] };

/** The methods a route.ts exports (HEAD with GET and OPTIONS are added as Next adds them). */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const method of METHODS) {
    const declared = new RegExp(`export\\s+(async\\s+)?(function|const|let)\\s+${method}\\b`);
    const listed = new RegExp(`export\\s*\\{[^}]*\\bas\\s+${method}\\b[^}]*\\}`);
    const named = new RegExp(`export\\s*\\{[^}]*(^|[\\s,{])${method}\\s*(,|\\})[^}]*`);
    if (declared.test(source) || listed.test(source) || named.test(source)) found.add(method);
  }
  if (found.has("GET")) found.add("HEAD");
  found.add("OPTIONS");
  return METHODS.filter((method) => found.has(method));
}

function toRoute(segments: string[], methods: string[]): Route {
  let pattern = "";
  const rank: number[] = [];
  for (const segment of segments) {
    if (/^\(.*\)$/.test(segment)) continue;
    if (/^\[\[\.\.\..+\]\]$/.test(segment)) {
      pattern += "(?:/.*)?";
      rank.push(3);
    } else if (/^\[\.\.\..+\]$/.test(segment)) {
      pattern += "/.+";
      rank.push(2);
    } else if (/^\[.+\]$/.test(segment)) {
      pattern += "/[^/]+";
      rank.push(1);
    } else {
      pattern += `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
      rank.push(0);
    }
  }
  return { pattern: new RegExp(`^${pattern}/?$`), methods, rank };
}

/** Every route handler under `<appDir>/api`, most specific first. */
export function readApiRoutes(appDir: string): Route[] {
  const routes: Route[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...segments, entry.name]);
      else if (/^route\.(ts|js)$/.test(entry.name)) {
        const source = fs.readFileSync(path.join(dir, entry.name), "utf8");
        routes.push(toRoute(segments, exportedMethods(source)));
      }
    }
  };
  const api = path.join(appDir, "api");
  if (fs.existsSync(api)) walk(api, ["api"]);
  // Static segments before dynamic ones, dynamic before catch-all, as Next matches them.
  routes.sort((a, b) => {
    for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
      const difference = (a.rank[i] ?? -1) - (b.rank[i] ?? -1);
      if (difference !== 0) return difference;
    }
    return 0;
  });
  return routes;
}

/** The methods of the route handler that serves `pathname`, or null when none does. */
export function methodsFor(routes: Route[], pathname: string): string[] | null {
  return routes.find((route) => route.pattern.test(pathname))?.methods ?? null;
}
