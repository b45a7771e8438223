// Runs a corpus of calls ({ name, fn, args }) through an api (the Node or the browser build) and
// gives each answer as JSON text: the value, or the error's code, message and issues. Shared by
// the Node side and the browser page of the cross-runtime test, so both run the very same code.
export function runCorpus(api, cases) {
  return cases.map(({ fn, args }) => {
    try {
      return JSON.stringify({ value: api[fn](...args) });
    } catch (e) {
      if (e?.name !== "BalanceLedgerError") return JSON.stringify({ thrown: String(e) });
      return JSON.stringify({ error: { code: e.code, message: e.message, issues: e.issues } });
    }
  });
}
