// Preloaded into the demo's API child process: if the process that started it dies without
// stopping it (a crashed test run, a killed terminal), the API stops too instead of holding the port.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
}, 500).unref();
