// Validates AsyncAPI documents with AsyncAPI's own parser (installed by .ci/setup into
// .tools/websocket). Prints one line per file: `ok` or its errors; exits 1 when any has an error.
const path = require('path');
const fs = require('fs');
const { Parser } = require(path.resolve(__dirname, '../../.tools/websocket/node_modules/@asyncapi/parser'));

(async () => {
  const parser = new Parser();
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    const { document, diagnostics } = await parser.parse(fs.readFileSync(file, 'utf8'));
    const errors = diagnostics.filter((d) => d.severity === 0);
    if (!document || errors.length > 0) {
      failed++;
      console.log(`${file}: ${JSON.stringify(errors.map((e) => ({ code: e.code, message: e.message, path: e.path })))}`);
    } else {
      console.log(`${file}: ok`);
    }
  }
  process.exit(failed > 0 ? 1 : 0);
})();
