// Benchmark child: the emulator, in memory, on a free port.
import { startEmulator } from '../../src/emulator/server'
import { answerParent } from './children'

void startEmulator().then((emulator) => answerParent({ url: emulator.url, caPem: emulator.caPem }))
