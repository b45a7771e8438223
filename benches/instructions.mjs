// Instructions per call of the state calls in wasm, counted by valgrind (callgrind), for one or two
// builds of the package side by side: in single-threaded V8 a count moves little with the
// machine's load (one package counts within 0.5 % run to run), where times move 2–4× on a shared
// 2-core machine. Each row is the raw wasm export of benches/state.mjs's call (the café
// customer's text in, the answer's text out, the shared form the bridge asks for), counted as the
// difference between a run of LONG and a run of SHORT calls (both after the same warm-up), so Node's
// start-up and the module's compilation cancel out; what remains is V8's compiled wasm and the
// glue's string copies. Prints the table; asserts nothing.
//   node benches/instructions.mjs [pkg-dir-A] [pkg-dir-B]   (default: pkg/; scripts/bench.sh --instructions)
//   ROWS=chargeBalance,previewSettlement node benches/instructions.mjs …   (only those rows)
//   node benches/instructions.mjs --child <pkg-dir> <row> <calls>   (one counted run; internal)
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const SHORT = 500;
const LONG = 2500;
const WARM = 1000;

/** The five rows' raw calls on the café customer of benches/state.mjs (its data file). */
function rows(pkgDir) {
  const raw = createRequire(import.meta.url)(join(pkgDir, "wasm/balance_ledger.cjs"));
  raw.initSync({ module: readFileSync(join(pkgDir, "wasm/balance_ledger_bg.wasm")) });
  const { customer, body, options, cash, cashTx } = JSON.parse(readFileSync(join(root, "target/bench-data/cafe.json"), "utf8"));
  const c = JSON.stringify(customer);
  const now = JSON.stringify({ now: options.now });
  const keyed = JSON.stringify(options);
  const order = JSON.stringify({
    number: "o-cafe-1", items: [{ price: 500 }], currency: "SEK", customer: customer.id, payment: { type: "customer", charge: "balance" },
  });
  return {
    chargeBalance: () => raw.chargeBalance(c, JSON.stringify(body), keyed, true),
    previewSettlement: () => raw.previewSettlement(c, now, true),
    fundBalance: () => raw.fundBalance(c, order, '"success"', keyed, true),
    settleBalance: () => raw.settleBalance(c, '"success"', keyed, true),
    applyCashTransaction: () => raw.applyCashTransaction(JSON.stringify(cash), JSON.stringify(cashTx), true, 0, false),
  };
}

if (process.argv[2] === "--child") {
  const [, , , pkgDir, row, calls] = process.argv;
  const f = rows(pkgDir)[row];
  const answer = f();
  if (!answer.startsWith('{"value"')) throw new Error(`${row} answered ${answer.slice(0, 200)}`);
  for (let i = 0; i < WARM + Number(calls); i++) f();
  process.exit(0);
}

const dirs = process.argv.slice(2).map((d) => resolve(d));
if (dirs.length === 0) dirs.push(join(root, "pkg"));
try {
  execFileSync("valgrind", ["--version"], { stdio: "ignore" });
} catch {
  throw new Error("valgrind is missing: scripts/bench.sh --instructions installs Debian's valgrind");
}
const out = mkdtempSync(join(tmpdir(), "bl-callgrind-"));
/** Instructions of one child run of `calls` calls. */
function count(dir, row, calls) {
  const file = join(out, `cg.${row}.${calls}`);
  const r = spawnSync(
    "valgrind",
    ["--tool=callgrind", "--smc-check=all-non-file", `--callgrind-out-file=${file}`, process.execPath,
      // Every wasm function compiled by the optimising tier at once: no tier-up partway through.
      "--no-liftoff", "--single-threaded", fileURLToPath(import.meta.url), "--child", dir, row, String(calls)],
    { encoding: "utf8" },
  );
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`callgrind of ${row} failed:\n${r.stderr.slice(-2000)}`);
  return Number(m[1]);
}
const perCall = (dir, row) => Math.round((count(dir, row, LONG) - count(dir, row, SHORT)) / (LONG - SHORT));

const only = process.env.ROWS?.split(",");
const names = Object.keys(rows(dirs[0])).filter((n) => !only || only.includes(n));
const head = dirs.map((d, i) => `${"AB"[i]}: instructions per call`);
console.log(dirs.map((d, i) => `${"AB"[i]} = ${d}`).join("\n"));
console.log(`| call | ${head.join(" | ")} |${dirs.length === 2 ? " B/A |" : ""}`);
console.log(`| --- |${" --- |".repeat(dirs.length + (dirs.length === 2 ? 1 : 0))}`);
try {
  for (const row of names) {
    const counts = dirs.map((d) => perCall(d, row));
    const ratio = counts.length === 2 ? ` ${(counts[1] / counts[0]).toFixed(3)} |` : "";
    console.log(`| \`${row}\` | ${counts.map((c) => c.toLocaleString("en")).join(" | ")} |${ratio}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
