/**
 * 大字模式（长辈模式） through the real SDK: a member turns it on and off for themselves (user.setPreferences) and
 * user.me answers it back; a community that turns elderModeFrom70 on has it on for its residents aged 70 and over who
 * have not chosen (张秀英, born 1953) but not for a younger one (李明, born 1986), and a resident's own "off" wins over
 * the default; someone who has not joined is refused.
 */
import { ELDER_AGE, elderModeFor } from '../../src/core/user'
import { ok, startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

const me = (openid: string) => ok(cloud.api('user', 'me', {}, openid))
const choose = (openid: string, elderMode: boolean) => ok(cloud.api('user', 'setPreferences', { elderMode }, openid))
const settings = (input: Record<string, unknown>) => ok(cloud.api('org', 'updateSettings', input, 'demo-admin'))

test('off by default, for everyone, while the community has not turned on the 70-and-over default', async () => {
  for (const openid of ['demo-resident', 'demo-resident-2', 'demo-admin']) {
    expect(await me(openid)).toMatchObject({ elderMode: false, elderModeChosen: false })
  }
  expect((await ok(cloud.api('org', 'settings', {}, 'demo-resident'))).settings.elderModeFrom70).toBe(false)
})

test('a member turns it on, reads it back, and off again; the account keeps the choice', async () => {
  expect(await choose('demo-head', true)).toEqual({ elderMode: true, elderModeChosen: true })
  expect(await me('demo-head')).toMatchObject({ elderMode: true, elderModeChosen: true })
  const stored = (await cloud.sdk().database().collection('users').doc('demo-head').get()).data as { preferences?: { elderMode?: boolean }; roles?: unknown[] }[]
  expect(stored[0].preferences).toEqual({ elderMode: true })
  // Nothing else of the account changed: still a 院长.
  expect(stored[0].roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'head' })]))
  expect(await choose('demo-head', false)).toEqual({ elderMode: false, elderModeChosen: true })
  expect(await me('demo-head')).toMatchObject({ elderMode: false, elderModeChosen: true })
})

test('the community default: on for a resident of 70 and over who has not chosen, not for a younger one; a choice of "off" wins', async () => {
  await settings({ elderModeFrom70: true })
  try {
    expect(await me('demo-resident')).toMatchObject({ elderMode: true, elderModeChosen: false })
    expect(await me('demo-resident-2')).toMatchObject({ elderMode: false, elderModeChosen: false })
    // The admin has no resident record (no birth year): not defaulted.
    expect(await me('demo-admin')).toMatchObject({ elderMode: false, elderModeChosen: false })
    await choose('demo-resident', false)
    expect(await me('demo-resident')).toMatchObject({ elderMode: false, elderModeChosen: true })
    await choose('demo-resident', true)
    expect(await me('demo-resident')).toMatchObject({ elderMode: true, elderModeChosen: true })
  } finally {
    await settings({ elderModeFrom70: false })
  }
  // The default off again: 张秀英's own choice (on) stays.
  expect(await me('demo-resident')).toMatchObject({ elderMode: true, elderModeChosen: true })
})

test('someone who has not joined, or no one, is refused; a choice must be true or false', async () => {
  expect(await cloud.api('user', 'setPreferences', { elderMode: true }, 'elder-stranger')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  expect(await cloud.api('user', 'setPreferences', { elderMode: true }, null)).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  for (const bad of [{}, { elderMode: 'yes' }, { elderMode: 1 }, { elderMode: null }]) {
    expect(await cloud.api('user', 'setPreferences', bad, 'demo-resident-2')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  }
  expect(await cloud.api('org', 'updateSettings', { elderModeFrom70: true }, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  expect(await cloud.api('org', 'updateSettings', { elderModeFrom70: 'yes' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  expect(await me('demo-resident-2')).toMatchObject({ elderMode: false, elderModeChosen: false })
})

test('the rule itself: a choice wins; the default needs the setting and a birth year making them 70 this year', () => {
  const year = 2026
  expect(elderModeFor(undefined, true, year - ELDER_AGE, year)).toBe(true)
  expect(elderModeFor(undefined, true, year - ELDER_AGE + 1, year)).toBe(false)
  expect(elderModeFor(undefined, false, 1940, year)).toBe(false)
  expect(elderModeFor(undefined, true, null, year)).toBe(false)
  expect(elderModeFor(false, true, 1940, year)).toBe(false)
  expect(elderModeFor(true, false, 1990, year)).toBe(true)
})
