// deprovision-none: with deprovision none the Delete target object action is removed, so a user
// who leaves a scope (or is deleted at home) keeps an active account in every target, and nothing
// flags it when a scope shrinks. Someone has to clean up by hand.
import { pointerOf } from '../diagnostics'
import type { Rule } from './rule'

export const deprovisionNone: Rule = {
  id: 'deprovision-none',
  severity: 'warning',
  title: 'Users who leave a sync scope stay active in every target (deprovision none)',
  check({ raw }) {
    if (raw.sync?.deprovision !== 'none') return []
    return [
      {
        pointer: pointerOf('sync', 'deprovision'),
        message:
          'with sync.deprovision none, users removed from a scope or deleted in their home tenant stay active in every target',
        value: 'none',
        allowed:
          'softDelete (the default, restorable for 30 days), disable (block sign-in), or none with manual cleanup',
        fix: 'use deprovision: softDelete or disable, or accept cleaning up the targets by hand',
      },
    ]
  },
}
