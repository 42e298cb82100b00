// deletion-threshold-off: accidentalDeletionThreshold null turns off the accidental-deletion
// protection, so one mistaken change to a scope can soft-delete or disable every synced user in a
// cycle, with no stop for a person to confirm (quarantine reason TooManyDeletes, graph-api.md §3.8).
import { pointerOf } from '../diagnostics'
import type { Rule } from './rule'

export const deletionThresholdOff: Rule = {
  id: 'deletion-threshold-off',
  severity: 'warning',
  title: 'Accidental-deletion protection is off (accidentalDeletionThreshold null)',
  check({ raw }) {
    if (raw.sync === undefined || raw.sync.accidentalDeletionThreshold !== null) return []
    return [
      {
        pointer: pointerOf('sync', 'accidentalDeletionThreshold'),
        message:
          'sync.accidentalDeletionThreshold is null: one cycle may delete or disable any number of synced users without stopping',
        value: null,
        allowed: 'a number of deletions per cycle (500 by default) after which the job waits for a person',
        fix: 'remove accidentalDeletionThreshold: null (the default is 500), or set a number',
      },
    ]
  },
}
