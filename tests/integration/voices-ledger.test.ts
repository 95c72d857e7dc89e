/**
 * The held points of a wish (心愿定制) are never spendable and never lost: random sequences of post / publish / take /
 * withdraw / fulfil+confirm / spend, run through the real functions, against a model of what each resident holds.
 * After every step each resident's spendable and held points are the model's, and across the three of them no point
 * was made or lost but the wish rule's credits; every account's entries add up to its balance.
 */
import fc from 'fast-check'
import { photoBytes, upload } from '../support/claims'
import { ok, startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

let n = 0
const rid = (p: string) => `${p}-${++n}-vl`
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = (fn: string, action: string, input: Record<string, unknown>, openid: string) => cloud.api<any>(fn, action, input, openid)
/** The wish rule of the demo catalogue (认领并完成“微心愿”), in tenths. */
const WISH_RULE = 50
const START = 100

type Step =
  | { t: 'post'; who: number; offer: number }
  | { t: 'publish'; wish: number }
  | { t: 'take'; wish: number; who: number }
  | { t: 'withdraw'; wish: number }
  | { t: 'complete'; wish: number }
  | { t: 'spend'; who: number; amount: number }

// Weighted towards the steps that move a wish along, and aimed mostly at the latest wishes, so that holds meet spending,
// confirmations and withdrawals within a short sequence.
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('post' as const), who: fc.nat(2), offer: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('publish' as const), wish: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('take' as const), wish: fc.nat(2), who: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('withdraw' as const), wish: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('complete' as const), wish: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('spend' as const), who: fc.nat(2), amount: fc.integer({ min: 1, max: 9 }) }) },
)

/** Three fresh residents of courtyard 1, each in their own household, each given START tenths. */
async function threeResidents(run: number): Promise<string[]> {
  const db = cloud.sdk().database()
  const ids = [0, 1, 2].map((i) => `vl-${run}-${i}`)
  for (const [i, id] of ids.entries()) {
    await db.collection('orgNodes').doc(`hh-${id}`).set({ type: 'household', name: `赵${i}家`, parentId: 'demo-courtyard-1', communityId: 'demo-community', path: ['demo-community', 'demo-grid-1', 'demo-courtyard-1', `hh-${id}`] })
    await db.collection('residents').doc(`r-${id}`).set({ name: `赵${'甲乙丙'[i]}丁`, openid: id, communityId: 'demo-community', gridId: 'demo-grid-1', courtyardId: 'demo-courtyard-1', householdId: `hh-${id}` })
    await db.collection('users').doc(id).set({ name: `赵${'甲乙丙'[i]}丁`, communityId: 'demo-community', residentId: `r-${id}`, householdId: `hh-${id}` })
    await ok(api('points', 'adjust', { residentId: `r-${id}`, delta: START / 10, reason: '测试起始积分', requestId: rid('start') }, 'demo-admin'))
  }
  return ids
}

interface Wish {
  id: string
  poster: number
  offer: number
  status: 'pending' | 'public' | 'taken' | 'fulfilled' | 'confirmed' | 'withdrawn'
  taker?: number
}

test('over random post / take / withdraw / confirm / spend sequences the held points are never spendable and never lost', async () => {
  let run = 0
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 6, maxLength: 14 }), async (steps) => {
      const people = await threeResidents(++run)
      const balance = people.map(() => START)
      const held = people.map(() => 0)
      let credited = 0
      let spent = 0
      const wishes: Wish[] = []
      const photo = async (who: number) => upload(cloud, people[who], photoBytes(++n))
      for (const s of steps) {
        const w = 'wish' in s && wishes.length ? wishes[wishes.length - 1 - (s.wish % wishes.length)] : undefined
        if (s.t === 'post') {
          const free = balance[s.who] - held[s.who]
          const offer = s.offer * 10
          const answer = await api('voices', 'post', { kind: 'wish', title: '帮忙买菜', text: '腿脚不便，想请人帮忙买一次菜', ...(offer ? { offerPoints: s.offer } : {}), requestId: rid('wish') }, people[s.who])
          if (offer > free) expect(answer).toMatchObject({ ok: false, code: 'POINTS.INSUFFICIENT' })
          else {
            expect(answer.ok).toBe(true)
            held[s.who] += offer
            wishes.push({ id: (answer as { data: { post: { id: string } } }).data.post.id, poster: s.who, offer, status: 'pending' })
          }
        } else if (s.t === 'publish' && w) {
          const answer = await api('voices', 'decide', { postId: w.id, decision: 'publish', note: '' }, 'demo-admin')
          expect(answer.ok).toBe(w.status === 'pending')
          if (answer.ok) w.status = 'public'
        } else if (s.t === 'take' && w) {
          const answer = await api('voices', 'take', { postId: w.id }, people[s.who])
          const expected = w.status === 'public' && s.who !== w.poster
          expect(answer.ok || (w.status === 'taken' && w.taker === s.who)).toBe(expected || (w.status === 'taken' && w.taker === s.who))
          if (answer.ok && w.status === 'public') {
            w.status = 'taken'
            w.taker = s.who
          }
        } else if (s.t === 'withdraw' && w) {
          const answer = await api('voices', 'withdraw', { postId: w.id }, people[w.poster])
          expect(answer.ok).toBe(['pending', 'public', 'taken'].includes(w.status))
          if (answer.ok) {
            held[w.poster] -= w.offer
            w.status = 'withdrawn'
          }
        } else if (s.t === 'complete' && w && w.status === 'taken') {
          await ok(api('voices', 'fulfil', { postId: w.id, photos: [await photo(w.taker!)] }, people[w.taker!]))
          await ok(api('voices', 'confirm', { postId: w.id, rating: 5 }, people[w.poster]))
          held[w.poster] -= w.offer
          balance[w.poster] -= w.offer
          balance[w.taker!] += w.offer + WISH_RULE
          credited += WISH_RULE
          w.status = 'confirmed'
        } else if (s.t === 'spend') {
          const amount = s.amount * 10
          const answer = await api('points', 'adjust', { residentId: `r-${people[s.who]}`, delta: -s.amount, reason: '测试花掉积分', requestId: rid('spend') }, 'demo-admin')
          const free = balance[s.who] - held[s.who]
          if (amount > free) expect(answer).toMatchObject({ ok: false, code: 'POINTS.INSUFFICIENT' })
          else {
            expect(answer.ok).toBe(true)
            balance[s.who] -= amount
            spent += amount
          }
        }
        // After every step: what each one may spend and holds is the model's.
        for (const [i, id] of people.entries()) {
          const b = await ok(api('points', 'balance', { residentId: `r-${id}` }, 'demo-admin'))
          expect([i, Math.round(b.available * 10), Math.round(b.held * 10)]).toEqual([i, balance[i] - held[i], held[i]])
        }
      }
      // Nothing made or lost but the wish rule's credits and what was spent; each account is the sum of its entries.
      const db = cloud.sdk().database()
      let total = 0
      for (const id of people) {
        const account = (await db.collection('accounts').doc(`res:r-${id}`).get()).data[0] as { balanceTenths: number; heldTenths?: number }
        const entries = (await db.collection('ledger').where({ accountId: `res:r-${id}` }).limit(1000).get()).data as { delta: number }[]
        expect(entries.reduce((sum, e) => sum + e.delta, 0)).toBe(account.balanceTenths)
        expect(account.heldTenths ?? 0).toBeGreaterThanOrEqual(0)
        expect(account.heldTenths ?? 0).toBeLessThanOrEqual(account.balanceTenths)
        total += account.balanceTenths
      }
      expect(total).toBe(START * 3 + credited - spent)
    }),
    { numRuns: 15 },
  )
})
