// `npm test`: every suite in turn, then one line CI can read: `N passed, N failed`.
// Suites: type checking, API tests (node:test), the element build, browser tests
// (web-test-runner in Chromium) and the end-to-end test of the demo.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumHelp, findChromium } from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const only = process.argv.slice(2); // e.g. `npm test -- api browser`
const totals = { passed: 0, failed: 0 };
const lines = [];

function run(command, args, env = {}) {
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status ?? 1;
}

/** node:test's TAP summary: `# pass N`, `# fail N`, `# cancelled N`. */
function readTap(file) {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled') };
}

function record(name, counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  lines.push(`${name}: ${counts.passed} passed, ${counts.failed} failed`);
}

/** A step that is one check: it passes or it fails. */
function step(name, command, args) {
  console.log(`\n── ${name} ──`);
  const status = run(command, args);
  record(name, status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
  return status === 0;
}

/** Test files under a folder (Node 20's --test takes no globs). */
function testFiles(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.ts') && !file.split('/').includes('node_modules'))
    .sort()
    .map((file) => join(dir, file));
}

/** A node:test suite: counts come from its TAP report. */
function nodeSuite(name, dir) {
  console.log(`\n── ${name} ──`);
  const files = testFiles(dir);
  if (files.length === 0) {
    console.error(`No test files under ${dir}/: a suite that runs no test is a failure.`);
    record(name, { passed: 0, failed: 1 });
    return;
  }
  const tap = join(results, `${name}.tap`);
  const status = run(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const counts = readTap(tap) ?? { passed: 0, failed: 0 };
  // A runner that crashed, or exited non-zero with nothing failing, or ran nothing, is one more failure.
  if ((status !== 0 && counts.failed === 0) || counts.passed + counts.failed === 0) counts.failed += 1;
  record(name, counts);
}

const wanted = (name) => only.length === 0 || only.includes(name);
const chromium = findChromium();

if (wanted('types')) step('types', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
if (wanted('api')) nodeSuite('api', 'api/test');
const built = wanted('e2e') || wanted('build') ? step('build', process.execPath, [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.js', '--silent']) : true;

for (const name of ['browser', 'e2e']) {
  if (!wanted(name)) continue;
  if (!chromium) {
    console.error(`\n── ${name} ──\n${chromiumHelp}`);
    record(name, { passed: 0, failed: 1 });
    continue;
  }
  if (name === 'browser') {
    console.log('\n── browser ──');
    const summary = join(results, 'browser.json');
    const status = run(process.execPath, [join(root, 'node_modules/@web/test-runner/dist/bin.js')], { CHROME_PATH: chromium });
    const counts = existsSync(summary) ? JSON.parse(readFileSync(summary, 'utf8')) : { passed: 0, failed: 0 };
    if ((status !== 0 && counts.failed === 0) || counts.passed + counts.failed === 0) counts.failed += 1;
    record('browser', counts);
  } else if (built) {
    process.env.CHROME_PATH = chromium;
    nodeSuite('e2e', 'e2e');
  } else {
    record('e2e', { passed: 0, failed: 1 });
    lines.push('e2e: not run because the build failed');
  }
}

console.log('\n── summary ──');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
