// Parses each Mermaid file named on the command line with Mermaid's own parser (in Node, with
// jsdom standing in for the browser Mermaid expects); exits 1 on the first that does not parse.
// Run from .tools/ (the tests copy it there), where its packages are installed.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
for (const file of process.argv.slice(2)) {
  try {
    const result = await mermaid.parse(readFileSync(file, 'utf8'));
    console.log(`${file}: ${result.diagramType}`);
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    process.exit(1);
  }
}
