// Prints one closing line for the whole run, "N passed, N failed" (CI reads it), from vitest's and Playwright's
// JSON reports. Exits non-zero when a report is missing or counts no test.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = false;
const [vitestFile, e2eFile] = process.argv.slice(2);

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    console.error(`missing or unreadable test report: ${file}`);
    missing = true;
    return null;
  }
}

const v = read(vitestFile);
if (v) {
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numRuntimeErrorTests ?? 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
const e = read(e2eFile);
if (e) {
  const s = e.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  if ((e.errors ?? []).length > 0) failed += e.errors.length;
}

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(missing || failed > 0 || passed === 0 ? 1 : 0);
