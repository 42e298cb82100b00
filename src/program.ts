// The Pulumi program `pulumi up` runs. Until the topology program lands (issue 6), it declares the
// engine smoke resource: one LocalDocument whose content comes from stack config, so a run of
// `pulumi up` proves the whole chain (CLI, language host, dynamic provider, state) works here.
import * as pulumi from '@pulumi/pulumi'
import { LocalDocument } from './smoke/localDocument'

const config = new pulumi.Config()

const document = new LocalDocument('engine-check', {
  name: config.get('documentName') ?? 'engine-check',
  content: {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    greeting: config.get('greeting') ?? 'hello from entra-topology',
  },
})

export const documentPath = document.path
export const documentContent = document.content
