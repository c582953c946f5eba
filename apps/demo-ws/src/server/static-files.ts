import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'

/** The page's files by URL path; nothing else under the folder is served, so no path can escape it. */
const files: Record<string, { name: string; type: string }> = {
  '/': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { name: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/styles.css': { name: 'styles.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { name: 'favicon.svg', type: 'image/svg+xml' },
}

/** Headers that keep the page to its own scripts and its own server. */
const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
}

/** Serves the chat page's static files, `/healthz`, an empty `/favicon.ico`, and 404 or 405 for everything else. */
export async function serveStatic(publicDir: string, request: IncomingMessage, response: ServerResponse) {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
    response.end('Method not allowed; the page accepts GET and HEAD.\n')
    return
  }
  if (path === '/healthz') {
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    response.end('{"status":"ok"}\n')
    return
  }

  // Browsers request `/favicon.ico` on their own even though the page links the SVG icon, so it gets a 204, not a 404.
  if (path === '/favicon.ico') {
    response.writeHead(204, { 'cache-control': 'max-age=86400' })
    response.end()
    return
  }

  const file = files[path]
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    response.end('Not found.\n')
    return
  }
  const body = await readFile(join(publicDir, file.name))
  response.writeHead(200, { 'content-type': file.type, 'content-length': body.byteLength, ...securityHeaders })
  response.end(request.method === 'HEAD' ? undefined : body)
}
