// npm run bench [-- startup|import|members|export|attack|xlsx]: runs the named benchmarks (default: all) against the built server.
const all = ['startup', 'import', 'members', 'export', 'attack', 'xlsx'];
const chosen = process.argv.slice(2).filter((a) => all.includes(a));
for (const name of chosen.length ? chosen : all) {
  console.log(`\n=== bench: ${name} ===`);
  await import(`./${name}.js`);
}
