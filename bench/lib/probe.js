// A user who keeps asking while a benchmark loads the server: `me` and `/healthz` every 20 ms, timed
// here, in a process of its own, so the load generator's own event loop never delays the probes.
// Started by probe() in server.js; answers its samples when told to stop.
const [url, cookie] = process.argv.slice(2);
const samples = { me: [], health: [], errors: [] };
let running = true;
process.on('message', () => {
  running = false;
});

async function loop(list, request) {
  while (running) {
    const t = performance.now();
    try {
      const res = await request();
      await res.arrayBuffer();
      if (!res.ok) samples.errors.push(`HTTP ${res.status}`);
    } catch (e) {
      samples.errors.push(String(e));
    }
    list.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
}

await Promise.all([
  loop(samples.me, () =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ me { username } }' }),
    }),
  ),
  loop(samples.health, () => fetch(`${url}/healthz`)),
]);
process.send(samples, () => process.exit(0));
