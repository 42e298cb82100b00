// The demo's closing table: who is in each tenant and how (home or synced, userType, address list).
import { ClientSecretCredential } from '@azure/identity'
import type { SeedCredentials } from '../src/emulator/seed'

type User = {
  userPrincipalName: string
  userType: string
  showInAddressList: boolean | null
  creationType: string | null
}

async function usersOf(url: string, c: SeedCredentials[string]): Promise<User[]> {
  const credential = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret, {
    authorityHost: url,
    disableInstanceDiscovery: true,
  })
  const token = await credential.getToken('https://graph.microsoft.com/.default')
  const response = await fetch(
    `${url}/v1.0/users?$select=userPrincipalName,userType,showInAddressList,creationType&$top=999`,
    { headers: { Authorization: `Bearer ${token.token}` } },
  )
  return ((await response.json()) as { value: User[] }).value
}

export async function printTenants(url: string, credentials: SeedCredentials): Promise<void> {
  const tenants = await Promise.all(
    Object.entries(credentials).map(async ([alias, c]) => ({ alias, c, users: await usersOf(url, c) })),
  )
  // One column width for every tenant, so the columns line up however long a B2B UPN is.
  const width = Math.max(0, ...tenants.flatMap((t) => t.users.map((u) => u.userPrincipalName.length)))
  for (const { alias, c, users } of tenants) {
    process.stderr.write(`\n${alias} (${c.tenantId}): ${users.length} user(s)\n`)
    for (const u of users.sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName))) {
      const how = u.creationType === 'Invitation' ? 'B2B' : 'home'
      const list =
        u.showInAddressList === true
          ? 'in address list'
          : u.showInAddressList === false
            ? 'hidden from address list'
            : 'address list: tenant default'
      process.stderr.write(
        `  ${u.userPrincipalName.padEnd(width)} ${how.padEnd(5)} ${u.userType.padEnd(7)} ${list}\n`,
      )
    }
  }
}
