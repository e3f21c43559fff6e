/**
 * Which rules a route follows, by its pattern (or, for a request that matches no route, its
 * path). Anything not listed as open needs a key when keys are configured, so a route added
 * later is guarded until someone decides otherwise.
 *
 * Open: liveness and readiness (orchestrators and load balancers probe them without keys), the
 * API description and its browser (/openapi.json, /docs: public knowledge, and how a client
 * learns how to send its key; a browser cannot add a header to the page's own assets) and
 * DNSDB's ping (so that a client can tell "up" from "my key is wrong", as DNSDB does).
 * /metrics is not open: it shows traffic, routes and feed state, and Prometheus sends a key
 * as a bearer token.
 */
export type AccessClass = 'open' | 'native' | 'dnsdb' | 'circl'

const OPEN_ROUTES = new Set(['/health', '/ready', '/openapi.json', '/dnsdb/v2/ping'])

function isDocs (route: string): boolean {
  return route === '/docs' || route.startsWith('/docs/')
}

export function accessClassOf (route: string): AccessClass {
  if (OPEN_ROUTES.has(route) || isDocs(route)) return 'open'
  if (route.startsWith('/dnsdb/')) return 'dnsdb'
  if (route.startsWith('/pdns/')) return 'circl'

  return 'native'
}
