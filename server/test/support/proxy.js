// A TCP proxy between the servers and PostgreSQL that a test can cut: while cut, the database is
// unreachable the way a lost network makes it — connections open and bytes sent get no answer
// (nothing refused, nothing reset), so only the server's own timeouts end its waits. When the
// network returns, the connections that were open across the cut are gone (reset), new ones work.
import { createServer, connect } from "node:net";

/** → { port, cut(), restore(), close() } forwarding 127.0.0.1:port to 127.0.0.1:target. */
export async function cuttableProxy(target) {
  let cutAt = null;
  const pairs = new Set();
  const held = new Set(); // sockets that arrived or were open while cut
  const server = createServer((client) => {
    client.on("error", () => {});
    if (cutAt !== null) {
      held.add(client);
      client.pause();
      return;
    }
    const upstream = connect(target, "127.0.0.1");
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end);
    upstream.on("close", end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: server.address().port,
    cut() {
      cutAt = Date.now();
      // Nothing flows either way: what is in flight waits, as on a dead link.
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
        held.add(client);
        held.add(upstream);
      }
      pairs.clear();
    },
    restore() {
      cutAt = null;
      for (const s of held) s.destroy();
      held.clear();
    },
    async close() {
      this.restore();
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise((r) => server.close(r));
    },
  };
}
