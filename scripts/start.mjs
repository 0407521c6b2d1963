// `npm start`: builds the elements, starts the seeded API on :8787 and the demo pages on :8080.
// Ctrl-C stops everything.
import { startDemo } from '../demo/server.mjs';

const apiPort = Number(process.env.API_PORT ?? 8787);
const demoPort = Number(process.env.DEMO_PORT ?? 8080);

let demo;
try {
  demo = await startDemo({ apiPort, demoPort, dataDir: process.env.DEMO_DATA_DIR ?? 'data' });
} catch (error) {
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : error}`);
  if (String(error).includes('EADDRINUSE')) console.error('Is another `npm start` still running?');
  process.exit(1);
}

const { apiUrl, demoUrl } = demo;
console.log(`
Civic Elements demo is running.

  Pages (a partner organisation's own site, another origin than the API):
    ${demoUrl}/                 all demo pages
    ${demoUrl}/council.html     Southwark Council: <civic-sign-in> in "Your account"
    ${demoUrl}/nhs.html         South London Community Health NHS Trust: compact sign-in in the header
    ${demoUrl}/community.html   Peckham Community Gardens Network: <civic-config>, language switch
    ${demoUrl}/officer.html     Officers' intranet

  API:     ${apiUrl}   (bundles at ${apiUrl}/elements/civic-elements.js)
  Outbox:  ${apiUrl}/dev/outbox   sign-in codes land here instead of being emailed

Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    await demo.close();
    process.exit(0);
  });
}
