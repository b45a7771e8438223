// Server processes behind a client-side balancer, as a load balancer in front of several instances
// would be: a client picks one that is up; one killed (SIGKILL) is out until it is started again.
import { startServer } from "./harness.js";

/** `count` servers with `env`. → { size, urls(), pick(random), kill(i), restart(i), outputs(), stopAll() }. */
export async function fleet(count, env) {
  const slots = [];
  for (let i = 0; i < count; i++) slots.push({ server: await startServer(env), up: true });
  return {
    size: count,
    pick(random) {
      const up = slots.filter((s) => s.up);
      const from = up.length > 0 ? up : slots; // none up: the request fails and is retried
      return from[Math.floor(random() * from.length)].server.url;
    },
    async kill(i) {
      slots[i].up = false;
      const { signal } = await slots[i].server.kill();
      return signal;
    },
    async restart(i) {
      slots[i].server = await startServer(env);
      slots[i].up = true;
    },
    urls: () => slots.map((s) => s.server.url),
    outputs: () => slots.map((s) => s.server.output()),
    async stopAll() {
      for (const s of slots) await s.server.stop();
    },
  };
}
