// The emulator's traffic controls (throttling and injected faults), one set per emulator. The
// composition root attaches them to the store; the Graph pipeline and the admin API (which both hold
// the store) find them here, so neither needs a new parameter.
import type { Clock } from '../clock'
import type { Store } from '../store/store'
import { trackCreationTimes } from '../store/tenantStore'
import { Faults } from './faults'
import { userKind } from './routes/userShapes'
import type { GraphRouter } from './router'
import { Throttle } from './throttle'

export interface TrafficControls {
  readonly throttle: Throttle
  readonly faults: Faults
  /** The Graph routes, to check the route patterns a fault setting names. */
  readonly router: GraphRouter
}

const attached = new WeakMap<Store, TrafficControls>()

export function attachTrafficControls(store: Store, clock: Clock, router: GraphRouter): TrafficControls {
  const creationTimes = trackCreationTimes(store.db, () => clock.now().getTime())
  const controls: TrafficControls = {
    throttle: new Throttle(clock, (tenantId) => store.tenant(tenantId).count(userKind)),
    faults: new Faults(clock, creationTimes),
    router,
  }
  attached.set(store, controls)
  return controls
}

export function trafficControlsOf(store: Store): TrafficControls | undefined {
  return attached.get(store)
}
