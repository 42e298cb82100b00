// Matches a request path to a Graph route. Segments compare case-insensitively (Graph does);
// `{name}` captures a segment. A path that matches nothing names the first unknown segment, as Graph does.
import { graphErrors } from '../errors'
import type { GraphRoute, GraphVersion, HttpMethod } from './context'

interface CompiledRoute {
  readonly route: GraphRoute
  readonly segments: readonly string[]
}

export interface RouteMatch {
  readonly route: GraphRoute
  readonly params: Record<string, string>
}

export class GraphRouter {
  private readonly routes: CompiledRoute[] = []

  add(...routes: GraphRoute[]): this {
    for (const route of routes)
      this.routes.push({ route, segments: route.path.split('/').filter((s) => s !== '') })
    return this
  }

  match(method: HttpMethod, version: GraphVersion, path: string): RouteMatch {
    const segments = path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s))
    let pathMatched = false
    let deepest = 0
    for (const compiled of this.routes) {
      const { params, matched } = matchSegments(compiled.segments, segments)
      deepest = Math.max(deepest, matched)
      if (params === undefined) continue
      if ((compiled.route.versions ?? ['v1.0', 'beta']).includes(version)) {
        pathMatched = true
        if (compiled.route.method === method) return { route: compiled.route, params }
      }
    }
    if (pathMatched) throw graphErrors.methodNotAllowed(method, path)
    throw graphErrors.unknownSegment(segments[deepest] ?? path)
  }
}

function matchSegments(
  pattern: readonly string[],
  actual: readonly string[],
): { params?: Record<string, string>; matched: number } {
  const params: Record<string, string> = {}
  let matched = 0
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!
    const got = actual[i]
    if (got === undefined) return { matched }
    if (expected.startsWith('{') && expected.endsWith('}')) params[expected.slice(1, -1)] = got
    else if (expected.toLowerCase() !== got.toLowerCase()) return { matched }
    matched++
  }
  return actual.length === pattern.length ? { params, matched } : { matched }
}
