import { readFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDemo, type TestDemo, testTokenSecret } from '../../src/test-support/demo-harness'

// Raw request lines, because fetch and URL normalise `..` away before a request leaves the client.

let demo: TestDemo

beforeAll(async () => {
  demo = await startTestDemo()
})

afterAll(async () => {
  await demo.stop()
})

/** Sends one raw GET and returns the whole response as text. */
function rawGet(path: string): Promise<string> {
  const { port } = new URL(demo.url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => socket.destroy(), 3_000)
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('utf8'))
    })
    socket.on('error', reject)
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)
  })
}

const traversals = [
  '/../package.json',
  '/../../package.json',
  '/..%2fpackage.json',
  '/%2e%2e/package.json',
  '/%2e%2e%2f%2e%2e%2fpackage.json',
  '/index.html/../../package.json',
  '/public/../src/session-token.ts',
  '//etc/passwd',
  '/..\\package.json',
  '/app.js%00.html',
  '/token-secret',
  '/data/token-secret',
  '/src/main.ts',
  '/.env',
]

describe('static files', () => {
  it('serve nothing outside the page', async () => {
    const packageJson = await readFile(new URL('../../package.json', import.meta.url), 'utf8')

    for (const path of traversals) {
      const response = await rawGet(path)
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1])

      expect([400, 404], path).toContain(status)
      expect(response.includes(packageJson.slice(0, 40)), path).toBe(false)
      expect(response.includes(testTokenSecret), path).toBe(false)
    }
  })

  it('still serve the page', async () => {
    const response = await rawGet('/')

    expect(response.startsWith('HTTP/1.1 200')).toBe(true)
    expect(response).toContain('content-security-policy')
  })
})
