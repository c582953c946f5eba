/**
 * Decides whether a WebSocket handshake's `Origin` is allowed. Browsers always send `Origin` on WebSocket
 * handshakes, so checking it stops other sites from opening sockets with the user's cookies or network position.
 * A handshake without `Origin` comes from a non-browser client, which no web page can impersonate, so it passes.
 *
 * With no explicit list the policy is same-origin: the origin's `host:port` must equal the request's `Host`.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[] | undefined,
): boolean {
  if (origin === undefined) return true

  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false

  if (allowedOrigins !== undefined) return allowedOrigins.includes(parsed.origin)
  return host !== undefined && parsed.host === host.toLowerCase()
}

/** Parses a comma-separated list of origins such as `http://localhost:8787,https://chat.example.com`. */
export function parseAllowedOrigins(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined
  return value.split(',').map((entry) => {
    const trimmed = entry.trim()
    const url = new URL(trimmed)
    if (url.origin !== trimmed.replace(/\/$/, '')) {
      throw new RangeError(`Allowed origin "${trimmed}" is not a bare origin; write it as scheme://host[:port].`)
    }
    return url.origin
  })
}
