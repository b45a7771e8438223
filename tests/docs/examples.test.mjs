// Examples that cannot go stale: every ```js block of README.md, js/README.md, server/README.md and
// docs/*.md, and the example of every function of the API reference (js/functions.js), runs against
// the built package (pkg/) and each `// →` comment must be what the code gives (scripts/doctest.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { codeBlocks, docFiles, instrument, root, runBlock, workDir } from "../../scripts/doctest.mjs";
import { FUNCTIONS } from "../../js/functions.js";

const dir = workDir();

for (const file of docFiles()) {
  for (const block of codeBlocks(readFileSync(join(root, file), "utf8"))) {
    if (!["js", "javascript", "mjs"].includes(block.lang.toLowerCase())) continue;
    if (!block.runnable) {
      test(`${file}:${block.line} says why it is not run`, () => {
        assert.match(block.info, /not-run\s*\(\s*\w+[^)]*\)/, "a not-run fence gives its reason: ```js not-run (why)");
      });
      continue;
    }
    test(`${file}:${block.line}`, () => runBlock(dir, file, block));
  }
}

for (const f of FUNCTIONS) {
  test(`the API reference's example of ${f.name}`, async () => {
    const { checks } = await runBlock(dir, `js/functions.js ${f.name}`, { line: 0, code: f.example });
    assert.ok(checks >= 1, `${f.name}: the example shows a result with // →`);
  });
}

// The runner itself: a wrong → fails, a right one passes, a thrown error is compared by its fields.
test("the runner tells a right → from a wrong one", async () => {
  const good = 'import { itemTotals } from "balance-ledger";\nitemTotals(5, "SEK").gross; // → "5.00"\nconst x = [1, 2]; // → [1, 2]\n';
  assert.deepEqual(await runBlock(dir, "self-test", { line: 1, code: good }), { checks: 2 });
  const wrong = 'import { itemTotals } from "balance-ledger";\nitemTotals(5, "SEK").gross; // → "5.01"\n';
  await assert.rejects(runBlock(dir, "self-test", { line: 2, code: wrong }), /the code gives\n'5\.00'\nbut the comment says\n'5\.01'/);
  const throws = 'import { itemTotals } from "balance-ledger";\nitemTotals(5, "XXX1"); // → throws { code: "unknown_currency" }\n';
  assert.deepEqual(await runBlock(dir, "self-test", { line: 3, code: throws }), { checks: 1 });
  const notThrown = "1 + 1; // → throws { code: \"x\" }\n";
  await assert.rejects(runBlock(dir, "self-test", { line: 4, code: notThrown }), /says it throws, but the code gives 2/);
  // Continuation lines are part of the expected value; a bad expected text is refused up front.
  assert.equal(instrument('[1,\n2]; // → [1,\n//      2]\n').checks, 1);
  assert.throws(() => instrument("1; // → not a value\n"), /not a JavaScript value/);
});
