// The baseline for the API throughput bench: a bare node:http server that answers every request
// with the recorded bytes and headers of one API response. Usage: node bare-server.mjs <port> <response.json>
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, recording] = process.argv.slice(2);
const { status, headers, body } = JSON.parse(readFileSync(recording, 'utf8'));
const bytes = Buffer.from(body, 'base64');
const head = { ...headers, 'content-length': String(bytes.length) };

createServer((request, response) => {
  response.writeHead(status, head);
  response.end(bytes);
}).listen(Number(port), '127.0.0.1', () => console.log('ready'));

process.on('SIGTERM', () => process.exit(0));
