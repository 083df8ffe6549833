#!/usr/bin/env node
// The `gwgen` command of the npm package: runs the gwgen binary that the platform package
// (@gwgen/cli-<platform>-<arch>, an optional dependency npm installs only on its own os/cpu)
// holds, with the same arguments, stdio and exit code.
"use strict";

const { spawnSync } = require("child_process");

const platform = `${process.platform}-${process.arch}`;
const pkg = `@gwgen/cli-${platform}`;
const exe = process.platform === "win32" ? "gwgen.exe" : "gwgen";

let binary;
try {
  binary = require.resolve(`${pkg}/bin/${exe}`);
} catch {
  console.error(
    `gwgen: no gwgen binary for ${platform}: the package ${pkg} is not installed.\n` +
      "npm installs it with gwgen when it exists for this platform; an install with\n" +
      "--omit=optional or --no-optional leaves it out.",
  );
  process.exit(1);
}

const run = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (run.error) {
  console.error(`gwgen: cannot run ${binary}: ${run.error.message}`);
  process.exit(1);
}
if (run.signal) {
  // End as the binary did, so that the caller sees the same signal.
  process.kill(process.pid, run.signal);
}
process.exit(run.status === null ? 1 : run.status);
