// Precompresses the built files (gzip and brotli at their highest levels) so the API serves them without
// compressing per request; it picks the variant by Accept-Encoding.
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('../dist/', import.meta.url).pathname;
// The operations' texts by id, for the API to register as trusted documents (it does not serve this file).
copyFileSync(new URL('../src/gql/persisted-documents.json', import.meta.url), join(root, 'persisted-documents.json'));
const compressible = /\.(js|css|html|svg|json|txt|map)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let count = 0;
for (const path of files(root)) {
  if (!compressible.test(path) || path.endsWith('persisted-documents.json')) continue;
  const data = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
  count++;
}
console.log(`compressed ${count} files (gzip and brotli)`);
