// The contract test: every answer a server test receives from a server it started is checked
// against the server's own OpenAPI document (GET /openapi.json) for its path, method and status,
// with ajv. An answer the document does not describe fails the request (fetch throws) and, should
// a test swallow that, the test file (a root `after` hook reports every violation).
import { after } from "node:test";
import Ajv2020 from "ajv/dist/2020.js";

const ports = new Set();
const violations = [];
let contract = null;

// Under node --test only (the benchmark uses the harness too).
if (process.env.NODE_TEST_CONTEXT) {
  after(() => {
    if (violations.length > 0) throw new Error(`answers the OpenAPI document does not describe:\n${violations.join("\n")}`);
  });
}

/** Checks answers from the server at `url` from now on; loads the document once per process. */
export async function watch(url, realFetch) {
  ports.add(new URL(url).port);
  contract ??= realFetch(`${url}/openapi.json`).then(async (r) => {
    if (r.status !== 200) throw new Error(`GET /openapi.json: ${r.status} ${await r.text()}`);
    return compile(await r.json());
  });
  await contract;
}

function compile(doc) {
  // The components keep the routes' $ids; references between them are written as JSON pointers.
  const plain = JSON.parse(JSON.stringify(doc), (k, v) => (k === "$id" ? undefined : v));
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(plain, "openapi");
  const operations = [];
  for (const [path, item] of Object.entries(plain.paths)) {
    const re = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    operations.push({ path, re, methods: item });
  }
  const pointer = (...parts) => `openapi#/${parts.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
  return { ajv, operations, pointer, errorSchema: ajv.getSchema(pointer("components", "schemas", "IntergiroError")) };
}

/** The reasons `res` (to `method url`) is not what the document describes, or [] when it is. */
async function check(method, url, res) {
  const c = await contract;
  const { pathname } = new URL(url);
  const m = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
  const type = res.headers.get("content-type") ?? "";
  const json = type.includes("json");
  let body;
  if (json && method !== "HEAD") {
    const text = await res.text();
    try {
      body = JSON.parse(text);
    } catch {
      return [`${method} ${pathname} ${res.status}: content-type ${type} but not JSON`];
    }
  }
  const matches = c.operations.filter((o) => o.re.test(pathname));
  // Prefer a literal path over a template (/v1/customer/all/… is both).
  const op = matches.find((o) => !o.path.includes("{") && o.methods[m]) ?? matches.find((o) => o.methods[m]);
  if (!op) {
    // Not an API operation: the demo's static files and the explorer (not JSON), or the shared
    // refusals of a path no route has (404) or a method its path has not (405 with Allow).
    if (!json && (m === "get") && res.status < 300) return [];
    if (res.status === 405 && matches.length > 0 && !res.headers.get("allow")) return [`${method} ${pathname}: 405 without Allow`];
    if ((res.status === 404 && matches.length === 0) || res.status === 405 || (!json && res.status === 404)) {
      if (!json) return m === "get" ? [] : [`${method} ${pathname} ${res.status}: not JSON`];
      return c.errorSchema(body) ? [] : [`${method} ${pathname} ${res.status}: ${c.ajv.errorsText(c.errorSchema.errors)}`];
    }
    return [`${method} ${pathname} ${res.status}: no operation in the document`];
  }
  const responses = op.methods[m].responses ?? {};
  const key = `${m} ${op.path}`;
  const status = String(res.status);
  const found = [status, `${status[0]}XX`, "default"].find((s) => responses[s]);
  if (!found) return [`${key}: status ${status} is not in the document (${Object.keys(responses).join(", ")})`];
  const content = responses[found].content ?? {};
  if (Object.keys(content).length === 0) return body === undefined ? [] : [`${key} ${status}: a body the document does not describe`];
  const media = Object.keys(content).find((t) => type.startsWith(t)) ?? (json ? Object.keys(content).find((t) => t.includes("json")) : undefined);
  if (!media) return [`${key} ${status}: content-type ${type} not in ${Object.keys(content).join(", ")}`];
  if (!json || method === "HEAD") return [];
  const validate = c.ajv.getSchema(c.pointer("paths", op.path, m, "responses", found, "content", media, "schema"));
  return validate(body) ? [] : [`${key} ${status}: ${c.ajv.errorsText(validate.errors)}; body ${JSON.stringify(body).slice(0, 500)}`];
}

/**
 * Checks one answer (a fetch Response, or one built from another client's answer) from a watched
 * server; throws, and reports at the end, when the document does not describe it.
 */
export async function checkAnswer(method, url, res) {
  if (!contract || !ports.has(new URL(url).port) || new URL(url).hostname !== "127.0.0.1") return;
  let problems;
  try {
    problems = await check(method.toUpperCase(), url, res);
  } catch (err) {
    // The answer could not be read (the server was killed mid-answer): the caller sees that itself.
    if (err.name === "TypeError" || err.name === "AbortError") return;
    throw err;
  }
  if (problems.length > 0) {
    violations.push(...problems);
    throw new Error(`contract: ${problems.join("; ")}`);
  }
}

/** fetch that checks each answer from a watched server against the document. */
export function checkedFetch(realFetch) {
  return async function fetch(input, init = {}) {
    const res = await realFetch(input, init);
    const url = String(input instanceof Request ? input.url : input);
    const method = init.method ?? (input instanceof Request ? input.method : "GET");
    await checkAnswer(method, url, res.clone());
    return res;
  };
}
