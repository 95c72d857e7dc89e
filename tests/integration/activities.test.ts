/**
 * 活动 through the real SDK against the local cloud: who publishes, sign-up (closing, capacity exact under a race,
 * FULL / CLOSED), the rotating check-in code (60 s, moved with the functions' clock), the check-in window, walk-ins,
 * 代签到, finishing (each attendee credited once, pending under monthly settlement, on the board), party projects in the
 * quarterly report, the reminder from the outbox, the attendance export, and teams.
 */
import type { ApiAnswer } from '../support/cloud'
import { photoBytes, upload } from '../support/claims'
import { startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

type Activity = { id: string; title: string; taken: number; status: string; capacity: number | null; organiser: boolean; teamName: string; partyProject: boolean }
type Signup = { status: string; attendedAt: string | null }

async function data<T>(answer: Promise<ApiAnswer<T>>): Promise<T> {
  const a = await answer
  if (!a.ok) throw new Error(`${a.code} ${a.message}`)
  return a.data
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = <T = any>(action: string, input: Record<string, unknown>, openid: string | null) => cloud.api<T>('activities', action, input, openid)
const refused = (code: string) => ({ ok: false, code })
const db = () => cloud.sdk().database()

const HOUR = 3600_000
let n = 0
/** The functions' clock set to `ms` (a real instant): the functions act as if it were then. */
const clockAt = (ms: number) => cloud.setClock(ms - Date.now())
afterEach(() => cloud.setClock(0))

/** An activity starting in three hours, two hours long, published by `by`. */
async function publish(by = 'demo-admin', extra: Record<string, unknown> = {}): Promise<Activity & { startMs: number; endMs: number }> {
  const startMs = Date.now() + 3 * HOUR
  const endMs = startMs + 2 * HOUR
  const input = { title: `测试活动${++n}`, description: '打扫楼道，清理杂物', place: '1号院门口', startAt: new Date(startMs).toISOString(), endAt: new Date(endMs).toISOString(), points: 2, requestId: `act-test-${n}-x`, ...extra }
  const { activity } = await data(api<{ activity: Activity }>('save', input, by))
  return { ...activity, startMs, endMs }
}

/** `count` residents of 1号院 who can sign in (each their own household), made once per prefix. */
async function residents(prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`)
  await Promise.all(
    ids.map(async (id) => {
      await db().collection('residents').doc(`r-${id}`).set({ name: `居民${id.slice(-6)}`, openid: id, communityId: 'demo-community', gridId: 'demo-grid-1', courtyardId: 'demo-courtyard-1', householdId: 'demo-hh-1' })
      await db().collection('users').doc(id).set({ name: `居民${id.slice(-6)}`, communityId: 'demo-community', residentId: `r-${id}`, householdId: 'demo-hh-1' })
    }),
  )
  return ids
}

/** How many requests each transaction committed so far took, start and commit included. */
const committed = async () => ((await (await fetch(`${cloud.url}/_emulator/stats`)).json()) as { committedTransactionSizes: number[] }).committedTransactionSizes
/** The transactions `call` committed, by size. */
async function transactionsOf(call: () => Promise<unknown>): Promise<number[]> {
  const before = (await committed()).length
  await call()
  return (await committed()).slice(before)
}

const signupDoc = async (activityId: string, residentId: string) => (await db().collection('activitySignups').doc(`${activityId}:${residentId}`).get()).data[0] as Signup | undefined

describe('who publishes', () => {
  test('the admin, a grid worker (for the grid), a team’s leader (for the team); nobody else; a retry makes one', async () => {
    const byAdmin = await publish('demo-admin', { requestId: 'act-retry-0001' })
    expect(byAdmin).toMatchObject({ status: 'published', taken: 0, organiser: true })
    expect((await publish('demo-admin', { requestId: 'act-retry-0001' })).id).toBe(byAdmin.id)
    const byGrid = await publish('demo-grid')
    expect(((await db().collection('activities').doc(byGrid.id).get()).data[0] as { gridId: string }).gridId).toBe('demo-grid-1')
    expect(await api('save', { title: '居民的活动', place: '院里', startAt: new Date(Date.now() + HOUR).toISOString(), endAt: new Date(Date.now() + 2 * HOUR).toISOString(), points: 1, requestId: 'act-resident-1' }, 'demo-resident')).toMatchObject(refused('AUTH.FORBIDDEN'))
    const { team } = await data(api<{ team: { id: string; leads: boolean } }>('saveTeam', { name: '文明督导队', leaderId: 'demo-r-resident-2', requestId: 'team-civil-1' }, 'demo-admin'))
    const byLeader = await publish('demo-resident-2', { teamId: team.id })
    expect(byLeader.teamName).toBe('文明督导队')
    expect(await api('save', { title: '别人的队', place: '院里', startAt: new Date(Date.now() + HOUR).toISOString(), endAt: new Date(Date.now() + 2 * HOUR).toISOString(), points: 1, teamId: team.id, requestId: 'act-other-team' }, 'demo-head')).toMatchObject(refused('AUTH.FORBIDDEN'))
    // The organiser (or the admin) changes it; another grid worker's or a resident's change is refused.
    const change = { title: '改过的活动', place: '2号院', startAt: new Date(byGrid.startMs).toISOString(), endAt: new Date(byGrid.endMs).toISOString(), points: 3, requestId: 'act-change-1' }
    expect(await api('save', { ...change, id: byGrid.id }, 'demo-resident-2')).toMatchObject(refused('AUTH.FORBIDDEN'))
    expect((await data(api<{ activity: { title: string } }>('save', { ...change, id: byGrid.id }, 'demo-admin'))).activity.title).toBe('改过的活动')
    expect(await api('save', { ...change, endAt: change.startAt, requestId: 'act-bad-times' }, 'demo-admin')).toMatchObject(refused('INPUT.INVALID'))
    // Photos: the publisher's own uploads only.
    expect(await api('save', { ...change, photos: ['cloud://local.evidence/demo-grid/not-mine.jpg'], requestId: 'act-bad-photo' }, 'demo-admin')).toMatchObject(refused('CLAIM.EVIDENCE_INVALID'))
    const photo = await upload(cloud, 'demo-admin', photoBytes(7001))
    const withPhoto = await data(api<{ activity: { photos: string[] } }>('save', { ...change, photos: [photo], requestId: 'act-photo-1' }, 'demo-admin'))
    expect(withPhoto.activity.photos).toEqual([photo])
  })
})

describe('signing up', () => {
  test('closes at signupUntil; full answers FULL; twice changes nothing; cancelling gives the place back', async () => {
    const a = await publish('demo-admin', { capacity: 1, signupUntil: new Date(Date.now() + HOUR).toISOString() })
    expect((await data(api<{ signup: Signup }>('signup', { activityId: a.id }, 'demo-resident'))).signup.status).toBe('signed')
    expect((await data(api<{ signup: Signup }>('signup', { activityId: a.id }, 'demo-resident'))).signup.status).toBe('signed')
    expect(await api('signup', { activityId: a.id }, 'demo-resident-2')).toMatchObject(refused('ACTIVITY.FULL'))
    let got = await data(api<{ activity: Activity; signedUp: boolean; counts: { signups: number } }>('get', { activityId: a.id }, 'demo-resident'))
    expect(got).toMatchObject({ signedUp: true, counts: { signups: 1 }, activity: { taken: 1 } })
    await data(api('cancelSignup', { activityId: a.id }, 'demo-resident'))
    await data(api('cancelSignup', { activityId: a.id }, 'demo-resident'))
    got = await data(api('get', { activityId: a.id }, 'demo-resident'))
    expect(got).toMatchObject({ signedUp: false, counts: { signups: 0 }, activity: { taken: 0 } })
    await data(api('signup', { activityId: a.id }, 'demo-resident-2'))
    // After signupUntil (an hour before the start): closed, for signing up.
    await clockAt(Date.now() + HOUR + 60_000)
    expect(await api('signup', { activityId: a.id }, 'demo-resident')).toMatchObject(refused('ACTIVITY.CLOSED'))
    // Without signupUntil it closes at the start; cancelling too.
    const b = await publish()
    await data(api('signup', { activityId: b.id }, 'demo-resident'))
    await clockAt(b.startMs + 1000)
    expect(await api('signup', { activityId: b.id }, 'demo-resident-2')).toMatchObject(refused('ACTIVITY.CLOSED'))
    expect(await api('cancelSignup', { activityId: b.id }, 'demo-resident')).toMatchObject(refused('ACTIVITY.CLOSED'))
  })

  test('30 racing for 10 places: exactly 10 sign up, the rest hear FULL', async () => {
    const people = await residents('race-signup', 30)
    const a = await publish('demo-admin', { capacity: 10 })
    const answers = await Promise.all(people.map((p) => cloud.api('activities', 'signup', { activityId: a.id }, p)))
    expect(answers.filter((x) => x.ok)).toHaveLength(10)
    expect(answers.filter((x) => !x.ok).map((x) => !x.ok && x.code)).toEqual(Array(20).fill('ACTIVITY.FULL'))
    const signed = (await db().collection('activitySignups').where({ activityId: a.id, status: 'signed' }).count()).total
    expect(signed).toBe(10)
    expect(((await db().collection('activities').doc(a.id).get()).data[0] as Activity).taken).toBe(10)
  }, 60_000)
})

describe('checking in', () => {
  test('the organiser’s code works for 60 s, from 30 minutes before the start until the end; twice changes nothing', async () => {
    const a = await publish('demo-grid', { capacity: 2 })
    await data(api('signup', { activityId: a.id }, 'demo-resident'))
    expect(await api('checkinCode', { activityId: a.id }, 'demo-resident')).toMatchObject(refused('AUTH.FORBIDDEN'))
    // 31 minutes before the start: not yet.
    await clockAt(a.startMs - 31 * 60_000)
    const early = await data(api<{ code: string; expiresAt: string }>('checkinCode', { activityId: a.id }, 'demo-grid'))
    expect(early.code).toMatch(/^\d{16}$/)
    expect(await api('checkin', { code: early.code }, 'demo-resident')).toMatchObject(refused('ACTIVITY.CLOSED'))
    await clockAt(a.startMs - 20 * 60_000)
    const { code, expiresAt } = await data(api<{ code: string; expiresAt: string }>('checkinCode', { activityId: a.id }, 'demo-grid'))
    expect(new Date(expiresAt).getTime() - (a.startMs - 20 * 60_000)).toBeLessThanOrEqual(60_000)
    const tampered = code.slice(0, 10) + (code.slice(10) === '000000' ? '000001' : '000000')
    expect(await api('checkin', { code: tampered }, 'demo-resident')).toMatchObject(refused('INPUT.INVALID'))
    let first = { attendance: { attendedAt: '', walkIn: true } }
    // One transaction of at most six requests (here and for a walk-in below).
    expect(await transactionsOf(async () => (first = await data(api('checkin', { code }, 'demo-resident'))))).toEqual([expect.any(Number)])
    expect((await committed()).at(-1)).toBeLessThanOrEqual(6)
    expect(first.attendance.walkIn).toBe(false)
    const again = await data(api<{ attendance: { attendedAt: string } }>('checkin', { code }, 'demo-resident'))
    expect(again.attendance.attendedAt).toBe(first.attendance.attendedAt)
    // 61 seconds after it was made: expired.
    await clockAt(a.startMs - 20 * 60_000 + 61_000)
    expect(await api('checkin', { code }, 'demo-resident-2')).toMatchObject(refused('ACTIVITY.CODE_EXPIRED'))
    // Someone who did not sign up takes a place while places remain; then it is full.
    const fresh = await data(api<{ code: string }>('checkinCode', { activityId: a.id }, 'demo-grid'))
    let walkIn = { attendance: { walkIn: false } }
    const sizes = await transactionsOf(async () => (walkIn = await data(api('checkin', { code: fresh.code }, 'demo-resident-2'))))
    expect(sizes).toHaveLength(1)
    expect(sizes[0]).toBeLessThanOrEqual(6)
    expect(walkIn.attendance.walkIn).toBe(true)
    expect(await api('checkin', { code: fresh.code }, 'demo-head')).toMatchObject(refused('ACTIVITY.FULL'))
    expect(await data(api('get', { activityId: a.id }, 'demo-grid'))).toMatchObject({ counts: { signups: 2, attended: 2 }, activity: { taken: 2 } })
    // After the end: closed.
    await clockAt(a.endMs + 1000)
    expect(await api('checkinCode', { activityId: a.id }, 'demo-grid')).toMatchObject(refused('ACTIVITY.CLOSED'))
    expect(await api('checkinFor', { activityId: a.id, residentId: 'demo-r-liu' }, 'demo-grid')).toMatchObject(refused('ACTIVITY.CLOSED'))
  })

  test('the organiser checks in a resident without a phone; nobody else may', async () => {
    const a = await publish('demo-admin')
    await clockAt(a.startMs)
    expect(await api('checkinFor', { activityId: a.id, residentId: 'demo-r-liu' }, 'demo-grid')).toMatchObject(refused('AUTH.FORBIDDEN'))
    const { attendance } = await data(api<{ attendance: { residentId: string; walkIn: boolean } }>('checkinFor', { activityId: a.id, residentId: 'demo-r-liu' }, 'demo-admin'))
    expect(attendance).toMatchObject({ residentId: 'demo-r-liu', walkIn: true })
    const got = await data(api<{ attendees: { name: string; byOrganiser: boolean }[] }>('get', { activityId: a.id }, 'demo-admin'))
    expect(got.attendees).toEqual([expect.objectContaining({ name: '刘福贵', byOrganiser: true })])
    expect(await api('get', { activityId: a.id }, 'demo-resident')).not.toMatchObject({ data: { attendees: expect.anything() } })
  })

  test('40 at once, 20 signed up and 20 walking in for 10 places left: each checks in once, exactly 10 walk-ins', async () => {
    const signed = await residents('race-in-s', 20)
    const walking = await residents('race-in-w', 20)
    const a = await publish('demo-admin', { capacity: 30 })
    for (const p of signed) await data(api('signup', { activityId: a.id }, p))
    await clockAt(a.startMs)
    const { code } = await data(api<{ code: string }>('checkinCode', { activityId: a.id }, 'demo-admin'))
    const answers = await Promise.all([...signed, ...walking, ...signed].map((p) => cloud.api('activities', 'checkin', { code }, p)))
    expect(answers.slice(0, 20).every((x) => x.ok)).toBe(true)
    expect(answers.slice(40).every((x) => x.ok)).toBe(true)
    const walked = answers.slice(20, 40)
    expect(walked.filter((x) => x.ok)).toHaveLength(10)
    expect(walked.filter((x) => !x.ok).map((x) => !x.ok && x.code)).toEqual(Array(10).fill('ACTIVITY.FULL'))
    const got = await data(api('get', { activityId: a.id }, 'demo-admin'))
    expect(got).toMatchObject({ counts: { signups: 30, attended: 30 }, activity: { taken: 30 } })
  }, 60_000)
})

describe('finishing', () => {
  test('the organiser finishes; every attendee is credited once and shows on the board; again awards nothing', async () => {
    const a = await publish('demo-grid', { points: 3 })
    await data(api('signup', { activityId: a.id }, 'demo-resident'))
    await data(api('signup', { activityId: a.id }, 'demo-resident-2'))
    expect(await api('finish', { activityId: a.id }, 'demo-grid')).toMatchObject(refused('INPUT.INVALID'))
    await clockAt(a.startMs)
    const { code } = await data(api<{ code: string }>('checkinCode', { activityId: a.id }, 'demo-grid'))
    await data(api('checkin', { code }, 'demo-resident'))
    const before = await data(cloud.api<{ available: number }>('points', 'balance', {}, 'demo-resident'))
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(a.startMs))
    const score = async () =>
      (await data(cloud.api<{ items: { id: string; score: number }[] }>('points', 'leaderboard', { level: 'resident', period: 'month', key: month }, 'demo-admin'))).items.find((i) => i.id === 'demo-r-resident')?.score ?? 0
    const scoreBefore = await score()
    expect(await api('finish', { activityId: a.id }, 'demo-resident')).toMatchObject(refused('AUTH.FORBIDDEN'))
    const done = await data(api<{ activity: Activity; awarded: number }>('finish', { activityId: a.id }, 'demo-grid'))
    expect(done).toMatchObject({ awarded: 1, activity: { status: 'finished' } })
    const entry = (await db().collection('ledger').doc(`activity:${a.id}:demo-r-resident`).get()).data[0] as { delta: number; source: unknown; projected: boolean; month: string }
    expect(entry).toMatchObject({ delta: 30, source: { type: 'activity', id: a.id }, projected: true })
    expect((await db().collection('ledger').doc(`activity:${a.id}:demo-r-resident-2`).get()).data).toHaveLength(0)
    const after = await data(cloud.api<{ available: number }>('points', 'balance', {}, 'demo-resident'))
    expect(after.available).toBeCloseTo(before.available + 3)
    expect(await data(api<{ awarded: number }>('finish', { activityId: a.id }, 'demo-grid'))).toMatchObject({ awarded: 0 })
    expect((await data(cloud.api<{ available: number }>('points', 'balance', {}, 'demo-resident'))).available).toBeCloseTo(after.available)
    expect(entry.month).toBe(month)
    expect(await score()).toBeCloseTo(scoreBefore + 3)
    // The attendee's page says what they got, spendable now (instant settlement); one who did not come got nothing.
    expect(await data(api('get', { activityId: a.id }, 'demo-resident'))).toMatchObject({ attended: true, credit: { points: 3, pending: false } })
    expect(await data(api('get', { activityId: a.id }, 'demo-resident-2'))).not.toHaveProperty('credit')
    // Finished: no more sign-ups, check-ins or changes.
    expect(await api('signup', { activityId: a.id }, 'demo-head')).toMatchObject(refused('ACTIVITY.CLOSED'))
    expect(await api('checkinCode', { activityId: a.id }, 'demo-grid')).toMatchObject(refused('ACTIVITY.CLOSED'))
    const ledger = await data(cloud.api<{ items: { source: unknown; delta: number }[] }>('points', 'ledger', {}, 'demo-resident'))
    expect(ledger.items).toContainEqual(expect.objectContaining({ source: { type: 'activity', id: a.id }, delta: 3 }))
  })

  test('under monthly settlement the points are pending until the month’s publicity ends', async () => {
    await data(cloud.api('org', 'updateSettings', { settlement: 'monthly' }, 'demo-admin'))
    try {
      const a = await publish('demo-admin', { points: 5 })
      await clockAt(a.startMs)
      await data(api('checkinFor', { activityId: a.id, residentId: 'demo-r-head-2' }, 'demo-admin'))
      const before = await data(cloud.api<{ available: number; pending: number }>('points', 'balance', {}, 'demo-head-2'))
      expect(await data(api('finish', { activityId: a.id }, 'demo-admin'))).toMatchObject({ awarded: 1 })
      const after = await data(cloud.api<{ available: number; pending: number }>('points', 'balance', {}, 'demo-head-2'))
      expect(after.available).toBeCloseTo(before.available)
      expect(after.pending).toBeCloseTo(before.pending + 5)
      expect((await db().collection('ledger').doc(`activity:${a.id}:demo-r-head-2`).get()).data[0]).toMatchObject({ pendingMonth: expect.stringMatching(/^\d{4}-\d{2}$/) })
      // Their page says so: 公示后可用.
      expect(await data(api('get', { activityId: a.id }, 'demo-head-2'))).toMatchObject({ credit: { points: 5, pending: true } })
    } finally {
      await data(cloud.api('org', 'updateSettings', { settlement: 'instant' }, 'demo-admin'))
    }
  })

  test('the attendance list exports to Excel for the organiser only', async () => {
    const a = await publish('demo-admin')
    await data(api('signup', { activityId: a.id }, 'demo-resident'))
    expect(await api('exportAttendance', { activityId: a.id }, 'demo-grid')).toMatchObject(refused('AUTH.FORBIDDEN'))
    const { file } = await data(api<{ file: { url: string; fileName: string } }>('exportAttendance', { activityId: a.id }, 'demo-admin'))
    expect(file.fileName).toMatch(/^签到表-.*\.xlsx$/)
    expect((await fetch(file.url)).status).toBe(200)
  })
})

describe('party projects', () => {
  test('listed for party members to claim; the points count in the quarterly report', async () => {
    await data(cloud.api('org', 'setPartyMember', { residentId: 'demo-r-resident-2', partyMember: true, unit: '市供电公司' }, 'demo-admin'))
    const a = await publish('demo-admin', { partyProject: true, points: 10 })
    const listed = (openid: string) => data(api<{ items: { id: string }[] }>('list', { partyProject: true }, openid)).then((p) => p.items.map((i) => i.id))
    expect(await listed('demo-resident-2')).toContain(a.id)
    expect(await listed('demo-resident')).not.toContain(a.id)
    expect((await data(api<{ items: { id: string }[] }>('list', {}, 'demo-resident'))).items.map((i) => i.id)).not.toContain(a.id)
    expect(await api('signup', { activityId: a.id }, 'demo-resident')).toMatchObject(refused('AUTH.FORBIDDEN'))
    await data(api('signup', { activityId: a.id }, 'demo-resident-2'))
    expect((await data(api<{ items: { id: string }[] }>('list', { mine: true }, 'demo-resident-2'))).items.map((i) => i.id)).toContain(a.id)
    await clockAt(a.startMs)
    await data(api('checkinFor', { activityId: a.id, residentId: 'demo-r-resident-2' }, 'demo-admin'))
    const [year, month] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(a.startMs)).split('-').map(Number)
    const row = async () =>
      (await data(cloud.api<{ items: { residentId: string; points: number; activities: number }[] }>('governance', 'partyReport', { quarter: `${year}-Q${Math.ceil(month / 3)}` }, 'demo-admin'))).items.find(
        (i) => i.residentId === 'demo-r-resident-2',
      )!
    const before = await row()
    await data(api('finish', { activityId: a.id }, 'demo-admin'))
    const after = await row()
    expect(after.activities).toBe(before.activities + 1)
    expect(after.points).toBeCloseTo(before.points + 10)
  })
})

describe('the reminder', () => {
  test('each signed-up resident is reminded once before the start, from the outbox; a cancelled sign-up is not', async () => {
    const a = await publish('demo-admin')
    await data(api('signup', { activityId: a.id }, 'demo-resident'))
    await data(api('signup', { activityId: a.id }, 'demo-resident-2'))
    await data(api('cancelSignup', { activityId: a.id }, 'demo-resident-2'))
    const tick = () => data(cloud.api<{ reminded: number; failures: unknown[] }>('jobs', 'tick', {}, null))
    // Three hours before: not yet due.
    await tick()
    expect((await db().collection('outbox').doc(`remind-${a.id}:demo-r-resident`).get()).data).toHaveLength(0)
    await clockAt(a.startMs - HOUR)
    const first = await tick()
    expect(first.reminded).toBeGreaterThanOrEqual(1)
    expect((await db().collection('outbox').doc(`remind-${a.id}:demo-r-resident`).get()).data[0]).toMatchObject({ kind: 'activity_reminder', to: 'demo-resident' })
    expect((await db().collection('outbox').doc(`remind-${a.id}:demo-r-resident-2`).get()).data).toHaveLength(0)
    expect(await signupDoc(a.id, 'demo-r-resident-2')).toMatchObject({ reminder: 'skipped' })
    expect((await tick()).reminded).toBe(0)
    expect((await db().collection('outbox').where({ to: 'demo-resident', kind: 'activity_reminder', title: a.title }).count()).total).toBe(1)
  })

  test('one bad sign-up never stops the others', async () => {
    const a = await publish('demo-admin')
    await data(api('signup', { activityId: a.id }, 'demo-resident'))
    // A sign-up without its activity (a corrupt document), due long ago: it fails alone, reported.
    await db().collection('activitySignups').doc('broken:one').set({ reminder: 'due', remindAt: '2000-01-01T00:00:00.000Z', status: 'signed' })
    await clockAt(a.startMs - HOUR)
    const t = await data(cloud.api<{ reminded: number; failures: { step: string; id: string }[] }>('jobs', 'tick', {}, null))
    expect((await db().collection('outbox').doc(`remind-${a.id}:demo-r-resident`).get()).data).toHaveLength(1)
    expect(t.failures).toContainEqual(expect.objectContaining({ step: 'remind', id: 'broken:one' }))
    await db().collection('activitySignups').doc('broken:one').remove()
  })
})

describe('teams', () => {
  test('the admin sets one up; members join and leave; the leader stays', async () => {
    expect(await api('saveTeam', { name: '卫生整治队', leaderId: 'demo-r-head', requestId: 'team-clean-1' }, 'demo-grid')).toMatchObject(refused('AUTH.FORBIDDEN'))
    const { team } = await data(api<{ team: { id: string; members: number } }>('saveTeam', { name: '卫生整治队', leaderId: 'demo-r-head', requestId: 'team-clean-1' }, 'demo-admin'))
    expect(team.members).toBe(1)
    const joined = await Promise.all(['demo-resident', 'demo-resident-2'].map((p) => data(api<{ team: { joined: boolean } }>('joinTeam', { teamId: team.id }, p))))
    expect(joined.every((j) => j.team.joined)).toBe(true)
    const listed = await data(api<{ items: { id: string; members: number; joined: boolean; leads: boolean }[] }>('teams', {}, 'demo-head'))
    expect(listed.items.find((t) => t.id === team.id)).toMatchObject({ members: 3, joined: true, leads: true })
    expect(await api('leaveTeam', { teamId: team.id }, 'demo-head')).toMatchObject(refused('INPUT.INVALID'))
    expect((await data(api<{ team: { joined: boolean; members: number } }>('leaveTeam', { teamId: team.id }, 'demo-resident'))).team).toMatchObject({ joined: false, members: 2 })
  })
})
