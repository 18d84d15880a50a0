// A tiny static server for the built site, used by the browser tests.
// Serves $STEPWISE_DIST (default dist/) on 127.0.0.1:$PORT with correct
// content types, directory index.html, and 404s. Owning the server lets the
// tests run several builds side by side and set headers as a host would:
// the site's _headers file (public/_headers, copied into the build) is
// applied the way Cloudflare Pages reads it (host-headers.mjs; the file is
// written so that Netlify gives the same result).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { cloudflareHeaders, parseHeaders } from './host-headers.mjs';

const root = resolve(process.env.STEPWISE_DIST ?? 'dist');
const port = Number(process.env.PORT ?? 4399);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

if (!existsSync(join(root, 'index.html'))) {
  console.error(`serve-dist: ${root} has no index.html; run \`npm run build\` first`);
  process.exit(1);
}

const headersFile = join(root, '_headers');
const rules = existsSync(headersFile) ? parseHeaders(readFileSync(headersFile, 'utf8')) : [];

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // normalize() plus the prefix check keeps requests inside the site folder.
  let file = normalize(join(root, decodeURIComponent(url.pathname)));
  if (!file.startsWith(root)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    const notFound = join(root, '404.html');
    res.writeHead(404, cloudflareHeaders(rules, url.pathname, { 'content-type': types['.html'] }));
    if (existsSync(notFound)) createReadStream(notFound).pipe(res);
    else res.end('not found');
    return;
  }
  // As on Cloudflare, the _headers file's headers replace the host's own defaults.
  const defaults = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
  res.writeHead(200, cloudflareHeaders(rules, url.pathname, defaults));
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}/`));
