/// <reference lib="dom" />
// The DOM types cover the callbacks that Playwright runs inside the page.
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaticServer, startStaticServer } from './static-server'

// Debian's package; CI installs it with `apt-get install chromium`. Playwright's own browser builds are never used.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const siteDir = fileURLToPath(new URL('../.vitepress/dist', import.meta.url))
const artifactsDir = fileURLToPath(new URL('../test-artifacts/', import.meta.url))

/** The guide's pages in sidebar order, by the title of their first heading. */
const guideTitles = [
  'Introduction',
  'Getting started',
  'Async WebSocket agents',
  'Executors',
  'Restore',
  'Long-term memory',
  'Redaction',
  'Observability',
  'The emulator',
  'Deploying',
  'Reliability',
  'Troubleshooting',
]

/** Waits until the page's first heading contains `text`, because the router changes the URL before it renders. */
async function waitForHeading(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('.vp-doc h1')?.textContent?.includes(expected) === true,
    text,
  )
}

async function heading(page: Page): Promise<string> {
  return ((await page.textContent('.vp-doc h1')) ?? '').replace(/\u200b/g, '').trim()
}

describe('documentation site', () => {
  let server: StaticServer
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []
  const offSiteRequests: string[] = []

  beforeAll(async () => {
    if (!existsSync(`${siteDir}/index.html`)) {
      throw new Error(`No built site in ${siteDir}: run 'pnpm docs:build' first.`)
    }
    server = await startStaticServer(siteDir)
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    // The site must work offline: every request goes to the local server, and anything else is aborted.
    await context.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(server.url) || url.startsWith('data:')) return route.continue()
      offSiteRequests.push(url)
      return route.abort()
    })
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('opens the guide from the home page', async () => {
    await page.goto(`${server.url}/`)
    await page.click('a:has-text("Read the guide")')
    await page.waitForURL(`${server.url}/guide/`)
    await waitForHeading(page, 'Introduction')

    expect(await heading(page)).toBe('Introduction')
  })

  it('follows the guide pages in sidebar order', async () => {
    await page.goto(`${server.url}/guide/`)
    const sidebar = await page.$$eval('.VPSidebar a.VPLink', (links) =>
      links.map((link) => (link.textContent ?? '').trim()),
    )
    expect(sidebar).toEqual(guideTitles)

    const visited = [await heading(page)]
    for (let step = 1; step < guideTitles.length; step++) {
      await page.click('.pager-link.next')
      await waitForHeading(page, guideTitles[step] ?? '')
      visited.push(await heading(page))
    }

    expect(visited).toEqual(guideTitles)
  })

  it('finds the async WebSocket page by search', async () => {
    await page.goto(`${server.url}/reference/errors`)
    await page.click('.VPNavBarSearch button')
    await page.fill('.VPLocalSearchBox input', 'prefetch cancel disconnect')
    const result = page.locator('.VPLocalSearchBox .results a', { hasText: 'Async WebSocket agents' }).first()
    await result.waitFor()
    await result.click()
    await page.waitForURL(/\/guide\/async-websocket/)
    await waitForHeading(page, 'Async WebSocket agents')

    expect(await heading(page)).toBe('Async WebSocket agents')
  })

  it('shows the example server and the benchmark table', async () => {
    await page.goto(`${server.url}/guide/async-websocket`)
    const code = (await page.textContent('.vp-doc div[class*="language-ts"]')) ?? ''
    expect(code).toContain('export async function startChatServer')

    const rows = await page.$$eval('.vp-doc table tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())),
    )
    const benchmarkRows = rows.filter((cells) => ['no-memory', 'inline', 'async'].includes(cells[1] ?? ''))
    expect(benchmarkRows.map((cells) => `${cells[0]} ${cells[1]}`)).toEqual([
      '1 no-memory',
      '1 inline',
      '1 async',
      '100 no-memory',
      '100 inline',
      '100 async',
    ])
    for (const cells of benchmarkRows) expect(cells[2]).toMatch(/^\d+(\.\d+)?$/)

    await mkdir(artifactsDir, { recursive: true })
    await page.screenshot({ path: `${artifactsDir}/async-websocket.png`, fullPage: false })
  })

  it('reaches the reference, migration and benchmarks pages', async () => {
    const titles: string[] = []
    for (const path of [
      '/reference/options',
      '/reference/api',
      '/reference/errors',
      '/migration/python',
      '/benchmarks/',
    ]) {
      await page.goto(`${server.url}${path}`)
      titles.push(await heading(page))
    }

    expect(titles).toEqual(['Options', 'API', 'Errors', 'Migration from Python', 'Benchmarks'])
  })

  it('renders type-checked samples with types', async () => {
    await page.goto(`${server.url}/guide/getting-started`)
    const checkedSamples = await page.locator('.vp-doc pre.twoslash').count()
    const typeInfo = await page.locator('.vp-doc .twoslash-hover').count()

    expect(checkedSamples).toBeGreaterThan(0)
    expect(typeInfo).toBeGreaterThan(0)
  })

  it('loads without page errors or off-site requests', () => {
    expect(pageErrors).toEqual([])
    expect(offSiteRequests).toEqual([])
  })
})
