// Benchmark child: the emulator on a free port, in memory, or durable in the folder given as argv[2].
import { startEmulator } from '../../src/emulator/server'
import { answerParent } from './children'

const dataDir = process.argv[2]
void startEmulator(dataDir ? { dataDir } : {}).then((emulator) =>
  answerParent({ url: emulator.url, caPem: emulator.caPem }),
)
