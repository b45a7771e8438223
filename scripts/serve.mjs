// A small static server for the demo: www/ at /, the built package at /pkg/, on 127.0.0.1 only.
// It stops by itself after SERVE_MINUTES (default 60) so nothing is left running.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 8080);
const minutes = Number(process.env.SERVE_MINUTES ?? 60);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};
// The page must work under a policy that allows only 'self' and wasm compilation.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  let path = decodeURIComponent(url.pathname);
  if (path.endsWith("/")) path += "index.html";
  const base = path.startsWith("/pkg/") ? root : join(root, "www");
  const file = normalize(join(base, path));
  if (!file.startsWith(base)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "content-security-policy": csp,
      "cache-control": "no-store",
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
});

// PORT=0 picks a free port (the end-to-end tests do); the line below tells which.
server.listen(port, "127.0.0.1", () => {
  const { port: actual } = server.address();
  console.log(`balance-ledger demo: http://127.0.0.1:${actual}/ (stops by itself in ${minutes} min; Ctrl-C to stop now)`);
});
setTimeout(() => {
  console.log("demo server: time is up, stopping");
  server.close();
  process.exit(0);
}, minutes * 60_000).unref();
