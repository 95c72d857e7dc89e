/**
 * What must hold after every step of the simulation, read from the cloud itself (the SDK for stored data, the API for
 * what people see):
 *   (a) every account (`res:` / `hh:`): the sum of its ledger entries equals its balance plus its pending points, and
 *       its pending points are the sum of its pending months;
 *   (b) no balance, pending amount or stock below zero; every offer's stock is what it started with less the vouchers
 *       issued or redeemed;
 *   (c) every voucher's state matches its ledger: issued or redeemed — its debit and no refund; cancelled — the debit
 *       and exactly one refund; expired — the debit, and one refund exactly when it says it was refunded;
 *   (d) `governance.verify` answers valid for every closed month of the community;
 *   (e) `jobs.tick` answers ok (checked by the tick command itself);
 *   (f) no full name of another resident (nor their household name, which carries it) and no openid other than one's
 *       own reaches a resident or the clerk: leaderboards of every level, the publicity board, the red and black lists,
 *       the honours, the clerk's redemptions, and a resident's own claim (its review trail names the reviewers as they
 *       act: those names are left out of the name check, not of the openid check);
 *   (g) only when asked for: no points stranded where the household-wallet setting hides them — with the wallet on,
 *       no resident account holds a balance or pending points; with it off, no household account does.
 */
import { monthKey, yearKey } from '../../src/core/period'
import type { Model } from './model'
import { type Person, SimFailure, type World } from './world'

interface AccountDoc {
  _id: string
  balanceTenths: number
  pendingTenths: number
  pendingByMonth?: Record<string, number>
  offerCounts?: Record<string, number>
}
interface EntryDoc {
  _id: string
  accountId: string
  delta: number
  kind: string
  reverses?: string
}
interface VoucherDoc {
  _id: string
  offerId: string
  status: string
  entryKey: string
  pointsTenths: number
  refunded?: boolean
}

/** Every document of `collection` matching `where`, a thousand at a time in `_id` order. */
async function all<T>(w: World, collection: string, where: Record<string, unknown>): Promise<T[]> {
  const db = w.cloud.sdk().database()
  const out: T[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = (await db.collection(collection).where(where).orderBy('_id', 'asc').skip(offset).limit(1000).get()).data as T[]
    out.push(...page)
    if (page.length < 1000) return out
  }
}

/** At the end of a run: every read of (f), not only the step's turn. */
export async function afterRun(m: Model, w: World): Promise<void> {
  if (!w.checks.has('f')) return
  const problems = await privacy(m, w, true)
  if (problems.length) throw new SimFailure(`（一次运行结束时）\n${problems.join('\n')}`)
}

/** Runs after every step; throws a SimFailure listing every broken invariant. */
export async function afterStep(m: Model, w: World): Promise<void> {
  const problems: string[] = []
  const on = (i: string) => w.checks.has(i as never)
  if (on('a') || on('b') || on('c') || on('g')) problems.push(...(await books(w)))
  if (on('d')) problems.push(...(await chain(w)))
  if (on('f')) problems.push(...(await privacy(m, w)))
  if (problems.length) throw new SimFailure(problems.join('\n'))
}

/** (a), (b) and (c): the accounts, the ledger, the vouchers and the offers of the community. */
async function books(w: World): Promise<string[]> {
  const on = (i: string) => w.checks.has(i as never)
  const problems: string[] = []
  const [accounts, entries, vouchers, offers] = await Promise.all([
    all<AccountDoc>(w, 'accounts', { communityId: w.communityId }),
    all<EntryDoc>(w, 'ledger', { communityId: w.communityId }),
    all<VoucherDoc>(w, 'vouchers', { communityId: w.communityId }),
    all<{ _id: string; stock: number }>(w, 'offers', { communityId: w.communityId }),
  ])
  const sums = new Map<string, number>()
  for (const e of entries) sums.set(e.accountId, (sums.get(e.accountId) ?? 0) + e.delta)
  const wallets = accounts.filter((a) => a._id.startsWith('res:') || a._id.startsWith('hh:'))
  for (const a of wallets) {
    const sum = sums.get(a._id) ?? 0
    const pendingByMonth = Object.values(a.pendingByMonth ?? {}).reduce((s, v) => s + v, 0)
    if (on('a') && sum !== a.balanceTenths + (a.pendingTenths ?? 0)) {
      problems.push(`(a) 账户 ${a._id}：台账合计 ${sum}，余额 ${a.balanceTenths} + 待生效 ${a.pendingTenths}（十分位）`)
    }
    if (on('a') && pendingByMonth !== (a.pendingTenths ?? 0)) problems.push(`(a) 账户 ${a._id}：待生效 ${a.pendingTenths}，各月待生效合计 ${pendingByMonth}（${JSON.stringify(a.pendingByMonth)}）`)
    if (on('b') && (a.balanceTenths < 0 || (a.pendingTenths ?? 0) < 0 || Object.values(a.pendingByMonth ?? {}).some((v) => v < 0))) {
      problems.push(`(b) 账户 ${a._id} 有负数：余额 ${a.balanceTenths}，待生效 ${a.pendingTenths}，各月 ${JSON.stringify(a.pendingByMonth)}`)
    }
    if (on('b') && Object.values(a.offerCounts ?? {}).some((v) => v < 0)) problems.push(`(b) 账户 ${a._id} 的限兑计数为负：${JSON.stringify(a.offerCounts)}`)
  }
  if (on('a')) {
    for (const [accountId, sum] of sums) {
      if ((accountId.startsWith('res:') || accountId.startsWith('hh:')) && sum !== 0 && !wallets.some((a) => a._id === accountId)) problems.push(`(a) 台账记到账户 ${accountId}（合计 ${sum}），这个账户却不存在`)
    }
  }
  if (on('g')) {
    const settings = ((await w.cloud.sdk().database().collection('settings').doc(w.communityId).get()).data as { householdWallet?: boolean }[])[0]
    const hidden = settings?.householdWallet ? 'res:' : 'hh:'
    for (const a of wallets) {
      if (a._id.startsWith(hidden) && (a.balanceTenths !== 0 || (a.pendingTenths ?? 0) !== 0)) {
        problems.push(`(g) 家庭积分账户${settings?.householdWallet ? '开着' : '关着'}，账户 ${a._id} 却还有余额 ${a.balanceTenths}、待生效 ${a.pendingTenths}（十分位）：谁也看不到、用不了`)
      }
    }
  }
  if (on('b')) {
    for (const o of offers) {
      const start = w.offers.find((x) => x.id === o._id)?.stock
      const held = vouchers.filter((v) => v.offerId === o._id && (v.status === 'issued' || v.status === 'redeemed')).length
      if (o.stock < 0) problems.push(`(b) 商品 ${o._id} 的库存是负数：${o.stock}`)
      else if (start !== undefined && o.stock !== start - held) problems.push(`(b) 商品 ${o._id}：库存 ${o.stock}，起初 ${start}、未退的券 ${held} 张，应为 ${start - held}`)
    }
  }
  if (on('c')) {
    const byId = new Map(entries.map((e) => [e._id, e]))
    for (const v of vouchers) {
      const debit = byId.get(v.entryKey)
      const refunds = entries.filter((e) => e.reverses === v.entryKey)
      const expected = v.status === 'cancelled' || (v.status === 'expired' && v.refunded) ? 1 : 0
      if (!debit || debit.kind !== 'debit' || debit.delta !== -v.pointsTenths) problems.push(`(c) 券 ${v._id}（${v.status}）的扣分记录 ${v.entryKey} 不对：${JSON.stringify(debit ?? null)}`)
      if (refunds.length !== expected) problems.push(`(c) 券 ${v._id} 是 ${v.status}${v.status === 'expired' ? `（refunded: ${v.refunded}）` : ''}，应有 ${expected} 笔退分，台账里有 ${refunds.length} 笔：${refunds.map((r) => r._id).join('、')}`)
      if (v.status === 'cancelled' && v.refunded !== true) problems.push(`(c) 券 ${v._id} 已退回，却没有记为已退分`)
    }
  }
  return problems
}

/** (d): every closed month verifies. */
async function chain(w: World): Promise<string[]> {
  const months = await all<{ month: string; status: string }>(w, 'months', { communityId: w.communityId })
  const problems: string[] = []
  for (const { month } of months) {
    const answer = await w.must<{ valid: boolean; brokenAt?: string }>('governance', 'verify', { month }, w.admin.openid)
    if (!answer.valid) problems.push(`(d) ${month} 的校验链不成立（brokenAt ${answer.brokenAt}）`)
  }
  return problems
}

/** The text around the first place `needle` occurs in `text`. */
const around = (text: string, needle: string) => {
  const i = text.indexOf(needle)
  return text.slice(Math.max(0, i - 80), i + needle.length + 80)
}

/** What `viewer` must not see in `data`: other residents' full names (outside their own household's name) and other openids. */
export function leaks(w: World, viewer: Person, what: string, data: unknown, nameData: unknown = data): string[] {
  const text = JSON.stringify(data)
  const all = JSON.stringify(nameData)
  const named = viewer.householdName ? all.split(viewer.householdName).join('〔本户〕') : all
  const out: string[] = []
  for (const p of w.people) {
    if (p.key !== viewer.key && named.includes(p.name)) out.push(`(f) ${viewer.key}（${viewer.name}）在 ${what} 里看到了 ${p.key} 的全名「${p.name}」：…${around(named, p.name)}…`)
  }
  for (const p of [...w.people, w.grid, w.admin, w.clerk]) {
    if (p.openid && p.key !== viewer.key && text.includes(p.openid)) out.push(`(f) ${viewer.key}（${viewer.name}）在 ${what} 里看到了 ${p.key} 的 openid「${p.openid}」：…${around(text, p.openid)}…`)
  }
  return out
}

/** One read that (f) checks: who reads, what, and (for a claim's trail) which part of the answer the name check reads. */
interface Probe {
  viewer: Person
  fn: string
  action: string
  input: Record<string, unknown>
}

/**
 * The reads (f) checks: a resident (a different one each time round, in turn) and the clerk read what every member may
 * read — the leaderboards of every level for the month and the year, the publicity board of this month and of every
 * closed one, the red and black lists, the honours — and each their own: the clerk this month's redemptions, the
 * resident one of their claims.
 */
async function probes(m: Model, w: World, round: number): Promise<Probe[]> {
  const plain = w.people.filter((p) => p.role === 'resident' && p.openid)
  const resident = plain[round % plain.length]
  const now = w.now()
  const month = monthKey(now)
  const year = yearKey(now)
  const months = await all<{ month: string }>(w, 'months', { communityId: w.communityId })
  const boards = [...new Set([month, ...months.map((x) => x.month)])]
  const out: Probe[] = []
  for (const viewer of [resident, w.clerk]) {
    for (const level of ['resident', 'household', 'courtyard', 'grid']) {
      for (const [period, key] of [['month', month], ['year', year]]) out.push({ viewer, fn: 'points', action: 'leaderboard', input: { level, period, key } })
    }
    for (const b of boards) out.push({ viewer, fn: 'governance', action: 'publicity', input: { month: b } })
    out.push({ viewer, fn: 'governance', action: 'lists', input: {} })
    out.push({ viewer, fn: 'governance', action: 'honours', input: { year } })
  }
  out.push({ viewer: w.clerk, fn: 'shop', action: 'redemptions', input: { month } })
  const own = m.claims.filter((c) => c.resident === resident.key)
  if (own.length) out.push({ viewer: resident, fn: 'claims', action: 'get', input: { claimId: own[round % own.length].id } })
  return out
}

/** How many of the reads (f) makes after each step (in turn, so that every read comes round every few steps); all of them at the end of a run. */
const PROBES_PER_STEP = 6

/** (f) after a step (`all`: every read, at the end of a run). */
export async function privacy(m: Model, w: World, everything = false): Promise<string[]> {
  const round = Math.floor((m.steps * PROBES_PER_STEP) / 40)
  const list = await probes(m, w, round)
  const chosen = everything ? list : Array.from({ length: Math.min(PROBES_PER_STEP, list.length) }, (_, i) => list[(m.steps * PROBES_PER_STEP + i) % list.length])
  const problems: string[] = []
  for (const p of chosen) {
    const data = await w.must<Record<string, unknown>>(p.fn, p.action, p.input, p.viewer.openid)
    const what = `${p.fn}.${p.action} ${JSON.stringify(p.input)}`
    if (p.fn === 'claims') {
      // The reviewers act under their names on the review trail (and the head's pass on the claim, 院长先看): their names
      // there are theirs to show (their openids are not).
      const history = data.history as { byName: string; step: string }[]
      const claim = data.claim as { headPass?: { byName: string } }
      const trail = {
        ...data,
        claim: claim.headPass ? { ...claim, headPass: { ...claim.headPass, byName: '〔审核人〕' } } : claim,
        history: history.map((h) => (h.step === 'head' || h.step === 'grid' ? { ...h, byName: '〔审核人〕' } : h)),
      }
      problems.push(...leaks(w, p.viewer, `${what}（自己的申报）`, data, trail))
    } else problems.push(...leaks(w, p.viewer, what, data))
  }
  return problems
}
