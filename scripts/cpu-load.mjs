// CPU contention for a test run: `startCpuLoad(n)` starts n processes that keep a core busy
// (plain arithmetic in a loop, no I/O, no network) until stopped, and at most `maxMinutes` —
// so a crashed test runner cannot leave them spinning. The browser journeys run under it in CI:
// a machine whose cores are busy with other work is where the hang of issue 10 showed itself.
import { spawn } from 'node:child_process';

const SPIN = `
const until = Date.now() + Number(process.argv[1]) * 60_000;
let x = 0;
while (Date.now() < until) { for (let i = 0; i < 1e6; i++) x = (x * 31 + i) % 1000003; }
`;

export function startCpuLoad(n, maxMinutes = 60) {
  const children = [];
  for (let i = 0; i < n; i++) {
    children.push(spawn(process.execPath, ['-e', SPIN, String(maxMinutes)], { stdio: 'ignore' }));
  }
  return () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  };
}
