/**
 * A path sent with a trailing slash (`/v1/domains/example.com/`) names nothing: it stays a 404,
 * as the path names no resource and a page's links are kept as sent, but one that says to drop
 * the slash when the path without it is served. A route whose last segment is a parameter
 * would otherwise take the slash as an empty value and refuse that instead (`/v1/ips/192.0.2.1/`
 * as a network with an empty prefix length).
 */
import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify'
import { DnsledgerError } from '../errors.js'
import { clipText } from './shown-value.js'

/** What to send instead, when the request's path without its trailing slashes is served. */
export function trailingSlashDetail (app: FastifyInstance,
  request: FastifyRequest): string | undefined {
  const query = request.url.indexOf('?')
  const path = query < 0 ? request.url : request.url.slice(0, query)
  const trimmed = path.replace(/\/+$/, '')
  if (trimmed === path || trimmed === '') return undefined
  const method = request.method as HTTPMethods
  if (app.findRoute({ method, url: trimmed }) === null) return undefined

  const fixed = `${trimmed}${query < 0 ? '' : request.url.slice(query)}`
  return `${clipText(path, 120)} ends with a slash, which no path here takes: drop it: ` +
    `${method} ${clipText(fixed, 120)}`
}

/**
 * A route that matched only by taking the trailing slash as an empty last parameter. Checked
 * only on routes whose last segment is a parameter, found once as each route is added, so no
 * other request pays for it.
 */
export function installTrailingSlashCheck (app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const name = /\/:(\w+)$/.exec(route.url)?.[1]
    if (name === undefined) return

    const check = async (request: FastifyRequest) => {
      if ((request.params as Record<string, string> | undefined)?.[name] !== '') return
      const detail = trailingSlashDetail(app, request)
      if (detail !== undefined) throw new DnsledgerError('NOT_FOUND', detail)
    }
    route.onRequest = [check, ...(route.onRequest === undefined ? [] : [route.onRequest].flat())]
  })
}
