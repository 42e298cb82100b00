// The engine versions this project pins, in one place. A unit test keeps them in step with
// package.json (@pulumi/pulumi) and the Go wrapper modules under tools/.

/** The Pulumi CLI built from github.com/pulumi/pulumi/pkg/v3 (the newest the Go module proxy here serves). */
export const pulumiVersion = '3.259.0'

/**
 * The Node.js language host, built from github.com/pulumi/pulumi/sdk/v3: its own module has no
 * version the Go module proxy serves, and v3.68.0 is the last SDK release that still contained it.
 */
export const languageHostVersion = '3.68.0'

/** The oldest Go that can build the wrapper modules (their go.mod declares it). */
export const minimumGo: readonly [number, number] = [1, 25]

export interface EngineBinary {
  /** File name on disk and on PATH. */
  readonly name: 'pulumi' | 'pulumi-language-nodejs'
  /** Wrapper module folder, relative to the project root. */
  readonly moduleDir: string
  /** The main package to build. */
  readonly packagePath: string
  /** Written into the binary with -ldflags so `pulumi version` prints it (the Automation API parses it). */
  readonly version: string
}

export const engineBinaries: readonly EngineBinary[] = [
  {
    name: 'pulumi',
    moduleDir: 'tools/pulumi-cli',
    packagePath: 'github.com/pulumi/pulumi/pkg/v3/cmd/pulumi',
    version: pulumiVersion,
  },
  {
    name: 'pulumi-language-nodejs',
    moduleDir: 'tools/pulumi-language-nodejs',
    packagePath: 'github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs',
    version: languageHostVersion,
  },
]

/** The dynamic-provider shim ships inside the @pulumi/pulumi npm package, at its root. */
export const dynamicProviderShim = 'pulumi-resource-pulumi-nodejs'
