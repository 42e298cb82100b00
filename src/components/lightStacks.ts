// Declaring resources without the SDK's per-promise stack traces. @pulumi/pulumi records a stack trace
// on every promise it makes while registering a resource (runtime/debuggable.js, only ever printed in a
// promise-leak report), and under ts-node every such trace is source-mapped frame by frame: for a
// 10-tenant mesh that was 1.3 s of a 8.7 s `preview --refresh` (bench/README.md, refresh). While the
// program declares its resources, Error.stackTraceLimit is 0, so those traces cost nothing; the SDK
// still records each resource's own source position (it lifts the limit for that itself), and the limit
// is restored afterwards. Errors created meanwhile carry no stack: the program's errors name the file,
// tenant and object instead. PULUMI_DEBUG_PROMISE_LEAKS=1 (the SDK's own switch for leak reports) or
// ENTRA_TOPOLOGY_FULL_STACKS=1 keep full traces.
export function withLightStacks<T>(declare: () => T): T {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS || process.env.ENTRA_TOPOLOGY_FULL_STACKS === '1')
    return declare()
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return declare()
  } finally {
    Error.stackTraceLimit = limit
  }
}
