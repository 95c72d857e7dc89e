/**
 * Turning the household wallet on or off moves what the accounts hold, so that no point is stranded where nobody
 * can see or spend it: on, each resident's balance (and pending points, month by month) goes into their household's
 * account; off, each household account is shared out to its members in equal tenths (the remainder to the first).
 * Members who moved away or were deleted take no part, unless nobody else is left.
 * Each move is a pair of adjustment entries in one transaction, marked as a wallet move: it changes no score.
 */
import { derivedId } from './ids'
import { householdAccountId, type AccountRecord, type Placement, postEntry, readAccount, residentAccountId, spendable } from './ledger'
import { type Db, readAll, transaction } from './cloud'
import type { ResidentRecord } from './org'
import { placementOf } from './people'


/**
 * What an account holds that can move: its balance, and its pending points by month. Points held for a wish stay where
 * they are held: the wish's transfer (or its release) finds them there.
 */
const holdings = (a: AccountRecord | null) => ({ balance: spendable(a), pending: Object.entries(a?.pendingByMonth ?? {}).filter(([, v]) => v > 0) })

/**
 * Moves `amount` (balance, or a month's pending points) from one account to another inside `tx`: two entries with
 * keys derived from the change, so running the same change again moves nothing twice.
 */
async function move(
  tx: Parameters<Parameters<typeof transaction>[1]>[0],
  from: { id: string; account: AccountRecord | null; placement: Placement },
  to: { id: string; account: AccountRecord | null; placement: Placement },
  amount: number,
  month: string | null,
  change: { id: string; by: string; byName: string; at: Date; note: string },
) {
  // The key names the change, both accounts and the month; hashed, so that long ids never pass the 128 characters an
  // `_id` may have (a household-to-resident move of a pending month did), and the same move still posts once.
  const base = derivedId('wallet', change.id, `${from.id}>${to.id}${month ? `:${month}` : ''}`, 40)
  const source = { type: 'wallet' as const, id: change.id }
  const options = month ? { pendingMonth: month } : {}
  await postEntry(tx, { key: `${base}:out`, accountId: from.id, delta: -amount, kind: 'adjustment', source, operator: change.by, operatorName: change.byName, note: change.note }, from.placement, change.at, { account: from.account, ...options })
  await postEntry(tx, { key: `${base}:in`, accountId: to.id, delta: amount, kind: 'adjustment', source, operator: change.by, operatorName: change.byName, note: change.note }, to.placement, change.at, { account: to.account, ...options })
}

const residentsOf = (db: Db, communityId: string) => readAll<ResidentRecord>(db, 'residents', { communityId })

/** Moves every balance into (on) or out of (off) the household wallets of a community. Answers how many accounts moved. */
export async function moveWallets(db: Db, communityId: string, on: boolean, change: { id: string; by: string; byName: string; at: Date }): Promise<number> {
  const residents = await residentsOf(db, communityId)
  let moved = 0
  if (on) {
    // Only those who live here: what one who moved away (or was deleted) holds is not brought into a household they left.
    for (const r of residents.filter((p) => !p.status)) {
      const placement = await placementOf(db, r)
      const done = await transaction(db, async (tx) => {
        const own = await readAccount(tx, residentAccountId(r._id))
        const { balance, pending } = holdings(own)
        if (balance === 0 && pending.length === 0) return false
        let household = await readAccount(tx, householdAccountId(r.householdId))
        const note = '开启家庭积分账户：个人积分并入全家'
        const from = { id: residentAccountId(r._id), placement }
        const to = { id: householdAccountId(r.householdId), placement }
        let mine = own
        // Each move re-reads what the previous one wrote (a transaction sees its own writes).
        for (const [month, amount] of [[null, balance] as const, ...pending]) {
          if (amount <= 0) continue
          await move(tx, { ...from, account: mine }, { ...to, account: household }, amount, month, { ...change, note })
          mine = await readAccount(tx, from.id)
          household = await readAccount(tx, to.id)
        }
        return true
      })
      if (done) moved++
    }
    return moved
  }
  const byHousehold = new Map<string, ResidentRecord[]>()
  for (const r of residents) byHousehold.set(r.householdId, [...(byHousehold.get(r.householdId) ?? []), r])
  for (const [householdId, all] of byHousehold) {
    // Shared among those who live there now; a household whose members all left shares among them still (no point is stranded).
    const present = all.filter((m) => !m.status)
    const members = (present.length ? present : all).sort((a, b) => a._id.localeCompare(b._id))
    const placements = await Promise.all(members.map((m) => placementOf(db, m)))
    const done = await transaction(db, async (tx) => {
      const hhId = householdAccountId(householdId)
      let household = await readAccount(tx, hhId)
      const { balance, pending } = holdings(household)
      if (balance === 0 && pending.length === 0) return false
      const note = '关闭家庭积分账户：全家积分平分给每人'
      for (const [month, amount] of [[null, balance] as const, ...pending]) {
        if (amount <= 0) continue
        const share = Math.floor(amount / members.length)
        for (const [i, m] of members.entries()) {
          const part = share + (i === 0 ? amount - share * members.length : 0)
          if (part <= 0) continue
          const toId = residentAccountId(m._id)
          await move(tx, { id: hhId, account: household, placement: placements[i] }, { id: toId, account: await readAccount(tx, toId), placement: placements[i] }, part, month, { ...change, note })
          household = await readAccount(tx, hhId)
        }
      }
      return true
    })
    if (done) moved++
  }
  return moved
}
