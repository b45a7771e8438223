// Runs the JavaScript examples of the documentation against the built package (pkg/), so they cannot
// go stale. Every ```js / ```javascript block of README.md, js/README.md, server/README.md and
// docs/*.md runs as an ES module of its own (top-level await allowed) in a fresh Node process, with
// `balance-ledger` resolving to pkg/. A `// → value` comment after a statement is checked: the value
// the statement computed (for `console.log(x)`, the x it printed; for `let x = …`, x) must deeply
// equal the JavaScript value written after the arrow (continued on the following comment lines
// indented by two or more spaces); `// → throws { code: "…" }` expects the statement to throw an
// error with those fields. A block that is deliberately not runnable says so in its fence:
// ```js not-run (why). Usage: node scripts/doctest.mjs [file.md …]; tests/docs/examples.test.mjs
// runs every block as a test.
import { parse } from "acorn";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const root = resolve(import.meta.dirname, "..");
const RUNNABLE = new Set(["js", "javascript", "mjs"]);

/** The documentation files whose examples run: the READMEs and docs/*.md. */
export function docFiles() {
  const docs = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => join("docs", f));
  return ["README.md", "js/README.md", "server/README.md", ...docs].filter((f) => existsSync(join(root, f)));
}

/** The fenced code blocks of a Markdown text: `{ line, lang, info, code, runnable }` (line 1-based, of the fence). */
export function codeBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j].trim().startsWith(fence) && lines[j].trim().replace(/[`~]/g, "") === "")) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    const info = rest.trim();
    const isJs = RUNNABLE.has(lang.toLowerCase());
    blocks.push({ line: i + 1, lang, info, code: body.join("\n"), runnable: isJs && !/\bnot-run\b/.test(info) });
    i = j;
  }
  return blocks;
}

/**
 * The block's source with each `// →` check wired in: `{ source, checks }`. Throws (with the line)
 * when an arrow follows something that computes no value or its expected text is not JavaScript.
 */
export function instrument(code, where = (line) => `line ${line}`) {
  const comments = [];
  const program = parse(code, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true, onComment: comments, locations: true });
  const lineComments = comments.filter((c) => c.type === "Line");
  const edits = [];
  let checks = 0;
  for (let k = 0; k < lineComments.length; k++) {
    const c = lineComments[k];
    const text = c.value.trim();
    if (!text.startsWith("→")) continue;
    // Continuation lines: own-line comments right below, indented by at least two spaces.
    let expected = text.slice(1).trim();
    let last = c;
    while (k + 1 < lineComments.length) {
      const next = lineComments[k + 1];
      const ownLine = next.loc.start.line === last.loc.end.line + 1 && /^\s*$/.test(code.slice(code.lastIndexOf("\n", next.start - 1) + 1, next.start));
      if (!ownLine || !/^ {2,}/.test(next.value)) break;
      expected += `\n${next.value}`;
      last = next;
      k++;
    }
    const at = where(c.loc.start.line);
    const statement = program.body.filter((s) => s.end <= c.start).at(-1);
    if (!statement) throw new Error(`${at}: a → comment must follow a statement`);
    const throws = /^throws\b/.test(expected);
    const value = throws ? expected.replace(/^throws\s*/, "") : expected;
    try {
      parse(`(${value}\n)`, { ecmaVersion: "latest" });
    } catch (e) {
      throw new Error(`${at}: the text after → is not a JavaScript value (${e.message}): ${value}`);
    }
    const n = checks++;
    const label = JSON.stringify(at);
    const want = `() => (${value}\n)`;
    if (statement.type === "ExpressionStatement") {
      const e = statement.expression;
      const src = code.slice(e.start, e.end);
      let replacement;
      if (throws) {
        replacement = `await __doc.throws(${n}, ${label}, async () => (${src}), ${want});`;
      } else if (e.type === "CallExpression" && code.slice(e.callee.start, e.callee.end) === "console.log" && e.arguments.length === 1) {
        const arg = e.arguments[0];
        replacement = `console.log(__doc.check(${n}, ${label}, (${code.slice(arg.start, arg.end)}), ${want}));`;
      } else {
        replacement = `__doc.check(${n}, ${label}, (${src}), ${want});`;
      }
      edits.push([statement.start, statement.end, replacement]);
    } else if (statement.type === "VariableDeclaration" && statement.declarations.length === 1 && statement.declarations[0].id.type === "Identifier" && !throws) {
      edits.push([statement.end, statement.end, ` __doc.check(${n}, ${label}, ${statement.declarations[0].id.name}, ${want});`]);
    } else {
      throw new Error(`${at}: a → comment must follow an expression or a one-name declaration, not a ${statement.type}`);
    }
  }
  let source = code;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) source = source.slice(0, start) + text + source.slice(end);
  // On the block's first line, so line numbers in a stack trace are the block's own.
  return { source: `import { __doc } from "./__doc.mjs"; ${source}\n__doc.done(${checks});\n`, checks };
}

// The checks' side, imported by every instrumented block.
const HELPER = `import { isDeepStrictEqual, inspect } from "node:util";
// Plain values for comparison: answers may carry null-prototype objects; an Error compares by its fields.
const plain = (v) => Array.isArray(v) ? v.map(plain)
  : v && typeof v === "object" && !ArrayBuffer.isView(v) && !(v instanceof Date) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
  : v;
const show = (v) => inspect(v, { depth: null, breakLength: 120 });
let passed = 0;
export const __doc = {
  check(n, where, actual, expected) {
    const want = expected();
    if (!isDeepStrictEqual(plain(actual), plain(want))) {
      throw new Error(\`\${where}: the code gives\\n\${show(actual)}\\nbut the comment says\\n\${show(want)}\`);
    }
    passed++;
    return actual;
  },
  async throws(n, where, run, expected) {
    let value;
    try {
      value = await run();
    } catch (e) {
      const want = expected();
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, e?.[k]]));
      if (!isDeepStrictEqual(plain(got), plain(want))) {
        throw new Error(\`\${where}: the code throws\\n\${show(got)} (\${e?.message})\\nbut the comment says\\n\${show(want)}\`);
      }
      passed++;
      return;
    }
    throw new Error(\`\${where}: the comment says it throws, but the code gives \${show(value)}\`);
  },
  done(checks) {
    if (passed !== checks) throw new Error(\`\${checks - passed} of \${checks} → checks did not run\`);
    console.log(\`__doctest__ \${passed} checks\`);
  },
};
`;

/**
 * A directory where a block runs: `balance-ledger` is pkg/ (the built package), every other bare
 * import resolves to the packages the repository installed (server/, then the root's dev tools).
 */
export function workDir() {
  const dir = join(root, "target", "doctest");
  rmSync(dir, { recursive: true, force: true });
  const modules = join(dir, "node_modules");
  mkdirSync(modules, { recursive: true });
  if (!existsSync(join(root, "pkg", "package.json"))) throw new Error("pkg/ is not built: run bash scripts/build.sh");
  symlinkSync(join(root, "pkg"), join(modules, "balance-ledger"), "dir");
  for (const from of [join(root, "server", "node_modules"), join(root, "node_modules")]) {
    if (!existsSync(from)) continue;
    for (const name of readdirSync(from)) {
      if (name.startsWith(".") || name === "balance-ledger") continue;
      const scoped = name.startsWith("@") ? readdirSync(join(from, name)).map((s) => `${name}/${s}`) : [name];
      for (const pkg of scoped) {
        if (existsSync(join(modules, pkg))) continue;
        mkdirSync(join(modules, pkg, ".."), { recursive: true });
        symlinkSync(join(from, pkg), join(modules, pkg), "dir");
      }
    }
  }
  writeFileSync(join(dir, "__doc.mjs"), HELPER);
  return dir;
}

/** Runs one block in `dir`: resolves to `{ checks }`, rejects with what went wrong. */
export function runBlock(dir, file, block) {
  // A check names its place in the Markdown file: the fence's line plus the line in the block.
  const { source, checks } = instrument(block.code, (line) => `${file}:${block.line + line}`);
  const name = `${file.replace(/[^\w]+/g, "_")}_${block.line}.mjs`;
  writeFileSync(join(dir, name), source);
  return new Promise((done, fail) => {
    execFile(process.execPath, [join(dir, name)], { cwd: dir, timeout: 120_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err || !stdout.includes(`__doctest__ ${checks} checks`)) {
        fail(new Error(`${file}:${block.line}: the example failed\n${stderr || stdout || err?.message}`));
      } else {
        done({ checks });
      }
    });
  });
}

// The command line: every block of the given files (default: all), a line each, exit 1 on a failure.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => relative(root, resolve(f))) : docFiles();
  const dir = workDir();
  let failed = 0;
  let run = 0;
  let skipped = 0;
  for (const file of files) {
    for (const block of codeBlocks(readFileSync(join(root, file), "utf8"))) {
      if (!RUNNABLE.has(block.lang.toLowerCase())) continue;
      if (!block.runnable) {
        skipped++;
        console.log(`- ${file}:${block.line} not run (${block.info})`);
        continue;
      }
      try {
        const { checks } = await runBlock(dir, file, block);
        run++;
        console.log(`ok ${file}:${block.line} (${checks} → checks)`);
      } catch (e) {
        failed++;
        console.log(`not ok ${e.message}`);
      }
    }
  }
  console.log(`${basename(process.argv[1])}: ${run} examples ran, ${failed} failed, ${skipped} marked not-run`);
  process.exitCode = failed ? 1 : 0;
}
