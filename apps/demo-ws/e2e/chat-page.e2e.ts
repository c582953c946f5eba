/// <reference lib="dom" />
// The DOM types cover the callbacks that Playwright runs inside the page.
import { mkdir } from 'node:fs/promises'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDemo, type TestDemo } from '../src/test-support/demo-harness'

// Debian's package; CI installs it with `apt-get install chromium`. Playwright's own browser builds are never used.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const artifactsDir = new URL('../test-artifacts/', import.meta.url)

async function sendPrompt(page: Page, text: string): Promise<void> {
  await page.fill('#prompt', text)
  await page.press('#prompt', 'Enter')
}

/** Waits until the page shows `count` metric rows, one per finished turn. */
async function waitForTurns(page: Page, count: number): Promise<void> {
  await page.waitForFunction((expected) => document.querySelectorAll('.metrics').length >= expected, count)
}

describe('chat page', () => {
  let demo: TestDemo
  let browser: Browser

  beforeAll(async () => {
    // Slower than the unit tests' model so that the page visibly receives tokens one at a time.
    demo = await startTestDemo({
      latency: { default: { fixedMs: 5, jitterMs: 5 } },
      offlineDelays: { firstTokenMs: 40, minTokenMs: 10, maxTokenMs: 20 },
    })
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
  })

  afterAll(async () => {
    await browser?.close()
    await demo?.stop()
  })

  it('streams tokens, shows tools and restores history on reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 820 } })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))

    await page.goto(demo.url)
    await page.waitForSelector('#status[data-state="ready"]')
    expect(await page.textContent('#status')).toContain('new conversation')

    // Record every text the streaming bubble shows, to see the reply grow token by token.
    await page.evaluate(() => {
      const snapshots: string[] = []
      Object.assign(window, { snapshots })
      new MutationObserver(() => {
        const bubble = document.querySelector('.message.assistant.streaming .text')
        if (bubble?.textContent) snapshots.push(bubble.textContent)
      }).observe(document.getElementById('log') as Node, { subtree: true, childList: true, characterData: true })
    })
    await sendPrompt(page, 'I like green tea.')
    await waitForTurns(page, 1)
    const snapshots = await page.evaluate(() => (window as unknown as { snapshots: string[] }).snapshots)
    const reply = await page.textContent('.message.assistant .text')

    expect(reply).toBe('Noted: you like green tea. I will remember that next time.')
    expect(new Set(snapshots).size).toBeGreaterThan(5)
    expect(snapshots.every((text) => reply?.startsWith(text))).toBe(true)
    expect(await page.textContent('.metrics')).toMatch(/first token \d+ ms/)

    await sendPrompt(page, 'What time is it?')
    await waitForTurns(page, 2)
    expect(await page.textContent('.tool')).toMatch(/^toolcurrent_time\(\{\}\)→ success: /)

    await page.reload()
    await page.waitForSelector('#status[data-state="ready"]')
    expect(await page.textContent('#status')).toContain('conversation restored')
    const restored = await page.$$eval('.message.restored', (bubbles) =>
      bubbles.map((bubble) => `${bubble.getAttribute('data-role')}: ${bubble.querySelector('.text')?.textContent}`),
    )
    expect(restored[0]).toBe('user: I like green tea.')
    expect(restored[1]).toBe('assistant: Noted: you like green tea. I will remember that next time.')
    expect(restored).toHaveLength(4)
    expect(await page.locator('.message.restored').nth(3).textContent()).toMatch(
      /^Let me check the clock\. toolcurrent_time\(\{\}\)→ success: .*It is \d\d:\d\d \(UTC\) right now\.$/,
    )
    expect(await page.textContent('.message.restored .tool')).toContain('→ success')

    await sendPrompt(page, 'What do I like?')
    await waitForTurns(page, 1)
    expect(await page.locator('.message.assistant').last().locator('.text').first().textContent()).toBe(
      'You told me you like green tea.',
    )

    await mkdir(artifactsDir, { recursive: true })
    await page.screenshot({ path: new URL('chat-page.png', artifactsDir).pathname, fullPage: true })
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('carries long-term memory into a new conversation', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 700 } })
    const page = await context.newPage()
    await page.goto(demo.url)
    await page.waitForSelector('#status[data-state="ready"]')
    await sendPrompt(page, 'I love hiking.')
    await waitForTurns(page, 1)
    const firstSession = await page.textContent('#session-info')

    // Switching the mode starts a new conversation for the same user in that mode.
    await page.check('input[name="mode"][value="inline"]')
    await page.waitForFunction(
      (previous) => document.querySelector('#session-info')?.textContent !== previous,
      firstSession,
    )
    await page.waitForSelector('#status[data-state="ready"]')
    // The old conversation is flushed when its socket closes; extraction then turns it into records.
    for (let attempt = 0; attempt < 500 && demo.server.conversationCount() > 1; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    await demo.memory.emulator?.waitForExtraction()
    await sendPrompt(page, 'What do I like?')
    await waitForTurns(page, 1)

    expect(await page.textContent('#status')).toContain('new conversation')
    expect(await page.textContent('#session-info')).toContain('inline mode')
    expect(await page.$$eval('.message', (bubbles) => bubbles.length)).toBe(2)
    // The preference record contains "Likes hiking", so "like" (not the prompt's "love") shows the reply came from it.
    expect(await page.textContent('.message.assistant .text')).toBe('You told me you like hiking.')
    await context.close()
  })

  it('releases the composer after a rejected prompt', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(demo.url)
    await page.waitForSelector('#status[data-state="ready"]')

    // Setting the value from a script skips the text box's maxlength, so the frame exceeds the server's 16 KiB limit.
    await page.evaluate(() => {
      const prompt = document.getElementById('prompt') as HTMLTextAreaElement
      prompt.value = '€'.repeat(6_000)
    })
    await page.press('#prompt', 'Enter')
    await page.waitForSelector('.notice.error')
    await page.waitForSelector('#send:not([disabled])', { state: 'attached' })
    await page.fill('#prompt', 'short one')

    expect(await page.textContent('.notice.error')).toContain('message_too_large')
    expect(await page.isEnabled('#send')).toBe(true)
    await context.close()
  })

  it('hands the conversation to a second tab', async () => {
    const context = await browser.newContext()
    const first = await context.newPage()
    const notFound: string[] = []
    context.on('response', (response) => {
      if (response.status() === 404) notFound.push(response.url())
    })
    await first.goto(demo.url)
    await first.waitForSelector('#status[data-state="ready"]')
    await sendPrompt(first, 'Hello from the first tab')
    await waitForTurns(first, 1)

    // Both tabs share localStorage, so the second one resumes the first one's session.
    const second = await context.newPage()
    await second.goto(demo.url)
    await second.waitForSelector('#status[data-state="ready"]')
    await first.waitForSelector('#status[data-state="error"]')
    await sendPrompt(second, 'Hello from the second tab')
    await waitForTurns(second, 1)

    expect(await second.textContent('#status')).toContain('conversation restored')
    expect(await first.textContent('#status')).toContain('Opened in another tab')
    expect(await first.textContent('.notice.error')).toContain('session_opened_elsewhere')
    expect(demo.server.conversationCount()).toBe(1)
    expect(await second.textContent('#start-over')).toContain('Start over (this browser)')
    expect(notFound).toEqual([])
    await context.close()
  })

  it('starts inline conversations from ?mode=inline', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 700 } })
    const page = await context.newPage()
    // A browser that already has an async conversation's token still starts an inline one.
    await page.goto(demo.url)
    await page.waitForSelector('#status[data-state="ready"]')
    expect(await page.textContent('#session-info')).toContain('async mode')

    await page.goto(new URL('/?mode=inline', demo.url).href)
    await page.waitForSelector('#status[data-state="ready"]')
    await sendPrompt(page, 'Hello in inline mode')
    await waitForTurns(page, 1)

    expect(await page.textContent('#session-info')).toContain('inline mode')
    expect(await page.isChecked('input[name="mode"][value="inline"]')).toBe(true)
    expect(await page.textContent('.metrics')).toContain('mode inline')
    await page.screenshot({ path: new URL('chat-page-inline.png', artifactsDir).pathname })
    await context.close()
  })
})
