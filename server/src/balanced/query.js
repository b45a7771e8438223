// The filters and sorts Balanced's client writes on a list (wac's Query): `field=value`,
// `field[op]=value` with op one of < <= > >= != in !in, a list of values as `a,b` (any of them),
// `sort=field,asc|desc` (repeatable), besides `limit` and `offset`. Each list names its fields:
// the column (SQL of a closed set, never the caller's text) and how a value is read. A field or
// operator the list does not know is refused, naming it.
import { HttpError } from "../errors.js";

const OPS = { "": "=", "=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=", in: "=", "!in": "<>" };
const KEY = /^([a-z_]{1,40})(?:\[(<|<=|>|>=|!=|in|!in)\])?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Value readers: each answers the SQL parameter, or throws with `why`. */
export const kinds = {
  integer: (v) => {
    if (!/^\d{1,15}$/.test(v)) throw new Error("an integer");
    return v;
  },
  instant: (v) => {
    if (!INSTANT.test(v) || Number.isNaN(Date.parse(v))) throw new Error("an ISO 8601 date or instant");
    return new Date(v).toISOString();
  },
  oneOf: (values) => (v) => {
    if (!values.includes(v)) throw new Error(`one of ${values.join(", ")}`);
    return v;
  },
  text: (v) => {
    if (v.length > 255) throw new Error("at most 255 characters");
    return v;
  },
};

function refused(field, message) {
  return new HttpError(400, "invalid_input", message, [{ path: `/querystring/${field}`, code: "unknown_field", message }]);
}

/**
 * `query` (Fastify's parsed querystring) against `fields` { name: { column, kind, sort? } } →
 * { limit, offset, filter: { sql, params }, order }. `defaultOrder` when no sort is asked.
 */
export function readListQuery(query, fields, defaultOrder) {
  const clauses = [];
  const params = [];
  const sorts = [];
  let limit = 10;
  let offset = 0;
  for (const [key, raw] of Object.entries(query)) {
    const values = Array.isArray(raw) ? raw : [raw];
    if (key === "limit" || key === "offset") {
      const v = values[values.length - 1];
      const ok = key === "limit" ? /^(?:[1-9]\d?|100)$/.test(v) : /^\d{1,15}$/.test(v);
      if (values.length > 1 || !ok) {
        const message = key === "limit" ? "limit must be an integer from 1 to 100" : "offset must be a non-negative integer";
        throw new HttpError(400, "invalid_input", message, [{ path: `/querystring/${key}`, code: "out_of_range", message }]);
      }
      if (key === "limit") limit = Number(v);
      else offset = Number(v);
      continue;
    }
    if (key === "sort") {
      for (const v of values) {
        const [name, dir = "asc", ...rest] = v.split(",");
        const f = fields[name];
        if (!f?.sort || rest.length > 0 || !["asc", "desc"].includes(dir)) {
          throw refused("sort", `cannot sort by ${JSON.stringify(v.slice(0, 64))}: sort=<field>,asc|desc with a field of ${Object.keys(fields).filter((k) => fields[k].sort).join(", ")}`);
        }
        sorts.push(`${f.column} ${dir.toUpperCase()}`);
      }
      continue;
    }
    const m = KEY.exec(key);
    const f = m && Object.hasOwn(fields, m[1]) ? fields[m[1]] : null;
    if (!f) {
      throw refused(key.slice(0, 64), `${JSON.stringify(key.slice(0, 64))} cannot be filtered: the fields are ${Object.keys(fields).join(", ")}`);
    }
    const op = OPS[m[2] ?? ""];
    for (const v of values) {
      let list;
      try {
        list = v.split(",").map((x) => f.kind(x));
      } catch (err) {
        throw new HttpError(400, "invalid_input", `${key} must be ${err.message}`, [
          { path: `/querystring/${key}`, code: "invalid_type", message: `${key} must be ${err.message}` },
        ]);
      }
      if (list.length > 1 && op !== "=" && op !== "<>") throw refused(key, `${key} takes one value`);
      const marks = list.map((x) => {
        params.push(x);
        return "$?";
      });
      if (list.length === 1) clauses.push(`${f.column} ${op} ${marks[0]}`);
      else clauses.push(`${op === "=" ? "" : "NOT "}${f.column} IN (${marks.join(", ")})`);
    }
  }
  return { limit, offset, filter: { sql: clauses.join(" AND "), params }, order: sorts.length > 0 ? [...sorts, "id DESC"].join(", ") : defaultOrder };
}

/** The collection's URI for its page links: the path and the filters and sorts (limit and offset apart). */
export function collectionUri(req) {
  const [path, qs = ""] = req.url.split("?");
  const kept = new URLSearchParams(qs);
  kept.delete("limit");
  kept.delete("offset");
  const rest = kept.toString();
  return rest ? `${path}?${rest}` : path;
}
