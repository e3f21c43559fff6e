/**
 * The methods a path takes, so that a known path asked with another method is a 405 with an
 * Allow header rather than a 404 that suggests the path does not exist.
 */
import type { FastifyInstance, HTTPMethods } from 'fastify'

const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

export function allowedMethods (app: FastifyInstance, url: string): string[] {
  const path = url.split('?', 1)[0] as string

  return METHODS.filter((method) => app.findRoute({ method, url: path }) !== null)
}
