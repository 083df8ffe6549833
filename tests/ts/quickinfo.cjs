// Prints what an editor shows on hover (TypeScript's quick info: the signature, then the
// documentation) for the first occurrence of NEEDLE in FILE, as a strict project resolving
// packages by their name sees it.
// Usage: node tests/ts/quickinfo.cjs TYPESCRIPT_DIR FILE NEEDLE
const [tsDir, file, needle] = process.argv.slice(2);
const ts = require(require("node:path").resolve(tsDir));
const fs = require("node:fs");
const text = fs.readFileSync(file, "utf8");
const at = text.indexOf(needle);
if (at < 0) throw new Error(`${needle} is not in ${file}`);
const options = {
  strict: true, target: ts.ScriptTarget.ES2020, lib: ["lib.es2020.d.ts", "lib.dom.d.ts"], types: [],
  module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
};
const service = ts.createLanguageService({
  getScriptFileNames: () => [file],
  getScriptVersion: () => "1",
  getScriptSnapshot: (f) => (fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, "utf8")) : undefined),
  getCurrentDirectory: () => require("node:path").dirname(file),
  getCompilationSettings: () => options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
});
const info = service.getQuickInfoAtPosition(file, at);
if (!info) throw new Error(`no quick info at ${needle}`);
console.log(ts.displayPartsToString(info.displayParts));
console.log(ts.displayPartsToString(info.documentation));
for (const tag of info.tags ?? []) console.log(`@${tag.name} ${ts.displayPartsToString(tag.text ?? [])}`.trim());
