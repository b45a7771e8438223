import { freshDatabase, startServer, call } from "./support/harness.js";
const db = await freshDatabase("postgres");
const servers = [await startServer(db.env), await startServer(db.env)];
await call(servers[0].url, "POST", "/customer", { body: { id: "busy", currency: "SEK" } });
const t = Date.now();
const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => call(servers[i % 2].url, "POST", "/customer/busy/balance", { body: { number: `n${i}`, price: "1.25" }, headers: { "idempotency-key": `d-${i}` } })));
console.log("ms", Date.now() - t, answers.reduce((m, a) => (m[a.status] = (m[a.status] ?? 0) + 1, m), {}));
for (const s of servers) { await s.stop(); const msgs = {}; for (const m of s.output().matchAll(/"message":"([^"]{0,120})/g)) msgs[m[1]] = (msgs[m[1]] ?? 0) + 1; console.log(msgs); }
await db.drop();
