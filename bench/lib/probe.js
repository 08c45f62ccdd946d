// A user who keeps asking while a benchmark loads the server: `me` and `/healthz` every 20 ms, timed
// here, in a process of its own, so the load generator's own event loop never delays the probes.
// Started by probe() in server.js; answers its samples when told to stop.
const [url, cookie] = process.argv.slice(2);
// `slow`: when (epoch ms, at the start) each `me` slower than 50 ms was asked, so a bench can say which of its steps it fell in.
const samples = { me: [], health: [], errors: [], slow: [] };
let running = true;
process.on('message', () => {
  running = false;
});

async function loop(list, request, slow) {
  // One untimed request first: this process's first fetch opens its connection, which is not the server's latency.
  await request()
    .then((res) => res.arrayBuffer())
    .catch(() => {});
  while (running) {
    const t = performance.now();
    const at = Date.now();
    try {
      const res = await request();
      await res.arrayBuffer();
      if (!res.ok) samples.errors.push(`HTTP ${res.status}`);
    } catch (e) {
      samples.errors.push(String(e));
    }
    const ms = performance.now() - t;
    list.push(ms);
    if (slow && ms > 50) slow.push({ at, ms });
    await new Promise((r) => setTimeout(r, 20));
  }
}

await Promise.all([
  loop(
    samples.me,
    () =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: '{ me { username } }' }),
      }),
    samples.slow,
  ),
  loop(samples.health, () => fetch(`${url}/healthz`)),
]);
process.send(samples, () => process.exit(0));
