// The one way a benchmark reports: its table, then a FAIL line for each missed target, and exit code 1,
// so that `npm run bench` (and CI) can fail on a regression instead of someone having to read the table.
//
// A row: { measure, value, target, pass }.
//   target: what the table shows ('<= 1.6', 'p99 < 50', 0, true); '' or absent: the row is informational.
//   pass:   the check behind the target, computed by the bench on the median across its runs (or, for a
//           bench that makes one run of many requests, on that run's p99 / median).
// A row that shows a target without a `pass` fails too: a printed target must be a checked one.
// Other keys (xlsx's `file`) are shown as columns and name the row in its FAIL line.

const hasTarget = (row) => (row.target ?? '') !== '' || row.pass !== undefined;

export function report(title, rows) {
  console.table(rows.map(({ pass: _pass, ...shown }) => shown));
  const targeted = rows.filter(hasTarget);
  const missed = targeted.filter((row) => row.pass !== true);
  for (const { value, target, pass: _pass, ...name } of missed) console.log(`FAIL: ${Object.values(name).join(', ')} ${value} (target ${target})`);
  if (missed.length) process.exitCode = 1;
  console.log(`${title}: ${targeted.length ? `${targeted.length - missed.length} of ${targeted.length} targets met` : 'no targets (informational)'}`);
}
