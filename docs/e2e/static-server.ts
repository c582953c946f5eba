import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
}

/** A running static file server. */
export interface StaticServer {
  /** Base URL, for example `http://127.0.0.1:41234`. */
  readonly url: string
  /** Stops the server; resolves when the port is free. */
  close(): Promise<void>
}

/**
 * Serves a built VitePress site from `root` on 127.0.0.1 and a free port, with the site's clean URLs:
 * `/guide/` serves `guide/index.html` and `/guide/restore` serves `guide/restore.html`.
 */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    void resolveFile(root, new URL(request.url ?? '/', 'http://localhost').pathname).then(async (file) => {
      const status = file === undefined ? 404 : 200
      const path = file ?? join(root, '404.html')
      response.writeHead(status, { 'content-type': contentTypes[extname(path)] ?? 'application/octet-stream' })
      createReadStream(path).pipe(response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '')
  const base = join(root, relative)
  // Reject paths that climb out of the site folder.
  if (base !== root && !base.startsWith(root + sep)) return undefined
  const candidates = pathname.endsWith('/') ? [join(base, 'index.html')] : [base, `${base}.html`]
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined)
    if (info?.isFile()) return candidate
  }
  return undefined
}
