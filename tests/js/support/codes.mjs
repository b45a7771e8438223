// The error codes the package declares: the IssueCode union of the generated types.
import { readFileSync } from "node:fs";

export const issueCodeFile = new URL("../../../pkg/types/IssueCode.d.ts", import.meta.url);

/** Every code of `export type IssueCode = "a" | "b" | …`. */
export function parseIssueCodes(text) {
  const union = text.match(/type\s+IssueCode\s*=([^;]*)/);
  if (!union) throw new Error("no IssueCode union in " + issueCodeFile);
  return [...union[1].matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
}

export const CODES = new Set(parseIssueCodes(readFileSync(issueCodeFile, "utf8")));
