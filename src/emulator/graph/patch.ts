// Applying a PATCH body to a stored object, as Graph does for entities with complex-typed properties.
import type { Body } from './validate'

/**
 * The stored object with the body's properties set: a nested object (a complex type such as web or
 * inboundTrust) is merged one level deep, its members the body omits kept; anything else, null
 * included, replaces the stored value.
 */
export function mergePatch(stored: Body, patch: Body): Body {
  const merged: Body = { ...stored }
  for (const [name, value] of Object.entries(patch)) {
    const old = stored[name]
    const bothObjects =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof old === 'object' &&
      old !== null &&
      !Array.isArray(old)
    merged[name] = bothObjects ? { ...(old as Body), ...(value as Body) } : value
  }
  return merged
}
