// The admin API's MTO settings: GET/PUT /_emulator/settings/mto, with clear 400s for bad values.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'

type AdminBody = Record<string, unknown> & { error?: { code: string; message: string } }

describe('admin API: MTO settings', () => {
  let t: TestEmulator
  before(async () => {
    t = await startTestEmulator()
  })
  after(() => t.close())

  it('reads the default delays and the existing-MTO status', async () => {
    const reply = await t.admin<AdminBody>('GET', '/settings/mto')
    assert.equal(reply.status, 200)
    assert.deepEqual(reply.body, {
      activationSeconds: 300,
      joinSeconds: 7200,
      roleChangeSeconds: 600,
      removalSeconds: 600,
      existingOrganizationStatus: 409,
    })
  })

  it('changes the settings a PUT names and keeps the others', async () => {
    const reply = await t.admin<AdminBody>('PUT', '/settings/mto', {
      joinSeconds: 60,
      existingOrganizationStatus: 400,
    })
    assert.equal(reply.status, 200)
    assert.equal(reply.body.joinSeconds, 60)
    assert.equal(reply.body.activationSeconds, 300)
    assert.equal((await t.admin<AdminBody>('GET', '/settings/mto')).body.existingOrganizationStatus, 400)
  })

  for (const [body, pattern] of [
    [{ joinSeconds: -1 }, /'joinSeconds' is -1; expected a whole number of seconds/],
    [{ removalSeconds: 1.5 }, /'removalSeconds' is 1.5/],
    [{ activationSeconds: '300' }, /'activationSeconds' is "300"/],
    [{ roleChangeSeconds: 10 ** 9 }, /from 0 to 2592000/],
    [{ existingOrganizationStatus: 404 }, /expected 400 or 409/],
    [{ joinSecs: 5 }, /unknown MTO setting 'joinSecs'; the settings are activationSeconds, joinSeconds/],
  ] as const)
    it(`refuses ${JSON.stringify(body)} with 400 and a message that says what is allowed`, async () => {
      const reply = await t.admin<AdminBody>('PUT', '/settings/mto', body)
      assert.equal(reply.status, 400)
      assert.equal(reply.body.error?.code, 'AdminRequestInvalid')
      assert.match(reply.body.error?.message ?? '', pattern)
    })

  it('leaves the settings unchanged after a refused PUT', async () => {
    await t.admin('PUT', '/settings/mto', { joinSeconds: 120, removalSeconds: -5 })
    assert.equal((await t.admin<AdminBody>('GET', '/settings/mto')).body.joinSeconds, 60)
  })

  it('answers 405 for other methods', async () => {
    assert.equal((await t.admin('DELETE', '/settings/mto')).status, 405)
  })
})
