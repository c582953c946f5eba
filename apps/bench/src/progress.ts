/**
 * Writes a one-line progress indicator to stderr: rewritten in place on a
 * terminal, one line per update otherwise (CI logs).
 */
export class ProgressLine {
  readonly #stream: NodeJS.WriteStream
  #started = Date.now()

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream
  }

  /** Shows which scenario is running and how far along it is. */
  update(scenario: string, detail = ''): void {
    const elapsed = ((Date.now() - this.#started) / 1000).toFixed(0)
    const text = `[bench ${elapsed}s] ${scenario}${detail ? `: ${detail}` : ''}`
    if (this.#stream.isTTY) this.#stream.write(`\r\x1b[2K${text}`)
    else this.#stream.write(`${text}\n`)
  }

  /** Ends the progress line so later output starts on a new line. */
  done(): void {
    if (this.#stream.isTTY) this.#stream.write('\n')
  }
}
