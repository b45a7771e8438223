// 405 for a known path asked with a method it does not have (RFC 9110 §15.5.6), with `Allow`
// listing the methods it has. Fastify answers such a request as not found; its not-found handler
// asks this. Wildcard routes (the demo's static files) are left out: they would make every
// unknown path "known".

/**
 * Watches the routes registered on `app` from now on; → allowed(path): the methods of the
 * routes whose pattern matches `path` (sorted), or null when none does.
 */
export function methodNotAllowed(app) {
  const routes = [];
  app.addHook("onRoute", ({ url, method }) => {
    if (url.includes("*")) return;
    // `:id` is one path segment; everything else is literal.
    const pattern = url
      .split("/")
      .map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    routes.push({ re: new RegExp(`^${pattern}$`), methods: [method].flat() });
  });
  return (path) => {
    const methods = new Set();
    for (const r of routes) if (r.re.test(path)) for (const m of r.methods) methods.add(m);
    return methods.size > 0 ? [...methods].sort() : null;
  };
}
