import { DemoStartError } from '../start-error'

/** Reference values of the handshake checks: the address the server listens on and the other allowed origins. */
export interface HandshakePolicy {
  /** Interface the server listens on, as configured; a wildcard address such as `0.0.0.0` names no host. */
  host: string
  /** Port the server listens on. */
  port: number
  /** Origins allowed besides the server's own; same-server only when absent. */
  allowedOrigins?: readonly string[] | undefined
}

/** Hosts that reach this machine's own loopback interface under every resolver, so no DNS answer can rebind them. */
const loopbackHosts = ['localhost', '127.0.0.1', '[::1]']
const wildcardHosts = new Set(['', '0.0.0.0', '::', '[::]'])

/** Returns the `host:port` names that address this server, lowercased, with IPv6 addresses in brackets. */
function serverNames(policy: HandshakePolicy): Set<string> {
  const names = new Set(loopbackHosts.map((host) => `${host}:${policy.port}`))
  const configured = policy.host.toLowerCase()
  if (!wildcardHosts.has(configured)) {
    const bracketed = configured.includes(':') && !configured.startsWith('[') ? `[${configured}]` : configured
    names.add(`${bracketed}:${policy.port}`)
  }
  return names
}

/** Parses an `http:` or `https:` URL and returns its `hostname:port`, with the scheme's default port filled in. */
function hostAndPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return `${url.hostname}:${port}`
}

function parseHttpUrl(value: string): URL | undefined {
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined
  return parsed
}

/**
 * Decides whether a WebSocket handshake's `Host` header names this server. A DNS-rebinding page reaches a loopback
 * server under its own host name, with a matching `Origin`, so only the `Host` check stops it. Accepted: `localhost`,
 * `127.0.0.1` and `[::1]` on the listening port, the configured host on that port, and the hosts of the allowed
 * origins. A request without `Host` passes only when it has no `Origin` either, because every browser sends both.
 */
export function isHostAllowed(host: string | undefined, origin: string | undefined, policy: HandshakePolicy): boolean {
  if (host === undefined || host === '') return origin === undefined

  // Only a bare host and port; anything else (a user name, a path) is not a valid `Host`.
  if (!/^[\w.\-[\]:]+$/.test(host)) return false
  const parsed = parseHttpUrl(`http://${host}`)
  if (!parsed) return false
  if (serverNames(policy).has(hostAndPort(parsed))) return true
  return (policy.allowedOrigins ?? []).some((allowed) => new URL(allowed).host === parsed.host)
}

/**
 * Decides whether a WebSocket handshake's `Origin` is allowed. Browsers always send `Origin` on WebSocket
 * handshakes, so checking it stops other sites from opening sockets with the user's cookies or network position.
 * A handshake without `Origin` comes from a non-browser client, which no web page can impersonate, so it passes.
 *
 * With no explicit list the origin must name this server by one of the names {@link isHostAllowed} accepts, in
 * either scheme, so a page opened at `http://localhost:8787` may connect to the server at `127.0.0.1:8787`.
 * With a list, only the listed origins pass.
 */
export function isOriginAllowed(origin: string | undefined, policy: HandshakePolicy): boolean {
  if (origin === undefined) return true

  const parsed = parseHttpUrl(origin)
  if (!parsed) return false
  if (policy.allowedOrigins !== undefined) return policy.allowedOrigins.includes(parsed.origin)
  return serverNames(policy).has(hostAndPort(parsed))
}

/** Parses a comma-separated list of origins such as `http://localhost:8787,https://chat.example.com`. */
export function parseAllowedOrigins(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined
  return value.split(',').map((entry) => {
    const trimmed = entry.trim()
    const url = URL.canParse(trimmed) ? new URL(trimmed) : undefined
    if (url?.origin !== trimmed.replace(/\/$/, '') || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new DemoStartError(
        'invalid_allowed_origin',
        `DEMO_ALLOWED_ORIGINS entry "${trimmed}" is not a bare origin; write each entry as http(s)://host[:port], separated by commas.`,
        { variable: 'DEMO_ALLOWED_ORIGINS' },
      )
    }
    return url.origin
  })
}
