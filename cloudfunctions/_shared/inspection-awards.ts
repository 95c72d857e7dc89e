/**
 * 卫生检查评奖: the households of the courtyards ranked 1st, 2nd and 3rd in a month's inspections earn 3, 2 and 1
 * points. Paid by the admin's 发放奖励 (governance.awardInspections) or, when the community's
 * `awardInspectionsAtClose` is on (the default), when the month closes (closeMonth, by the admin or the timer).
 * Once: each payment's ledger key derives from the inspection and the household (or resident), and an inspection
 * paid in full is marked `awarded`, so paying again — by hand after the close, the timer after the admin — adds nothing.
 */
import { INSPECTION_AWARDS, type Inspection } from '../../src/core/governance'
import { monthKey } from '../../src/core/period'
import { fromTenths, toTenths } from '../../src/core/points'
import { type Db, transaction } from './cloud'
import { postEntry, projectEntry, readAccount, walletOf } from './ledger'
import type { ResidentRecord } from './org'
import { placementOf } from './people'
import { readSettings } from './settings'

/** An inspection as stored: the answer's fields (`inspector` is the inspector's openid here, their name in `inspectorName`), and where it sits. */
export interface InspectionRecord extends Omit<Inspection, 'id'> {
  _id: string
  communityId: string
  gridId: string
  inspectorName: string
  /** Paid in full (every household of the courtyard); the month's inspections can no longer be changed. */
  awarded?: boolean
  awardedHouseholds?: number
  awardedAt?: string
}

export interface InspectionAward {
  courtyard: string
  rank: number
  points: number
  households: number
}

/** Who pays: the admin by hand, or the month's close. */
export interface Payer {
  openid: string
  name: string
}

/** The inspections of a community's month, best first (ties by name), each with its rank (ties share it). */
export async function rankedInspections(db: Db, communityId: string, month: string): Promise<(InspectionRecord & { rank: number })[]> {
  const rows = (await db.collection('inspections').where({ communityId, month }).limit(1000).get()).data as InspectionRecord[]
  rows.sort((a, b) => b.score - a.score || a.courtyardName.localeCompare(b.courtyardName, 'zh'))
  return rows.map((r) => ({ ...r, rank: 1 + rows.filter((o) => o.score > r.score).length }))
}

/** Pays a month's top three courtyards (those not paid yet); answers every award of the month, paid now or before. */
export async function awardMonth(db: Db, communityId: string, month: string, now: Date, payer: Payer): Promise<InspectionAward[]> {
  const rows = await rankedInspections(db, communityId, month)
  if (rows.length === 0) return []
  const settings = await readSettings(db, communityId)
  const awards: InspectionAward[] = []
  for (const r of rows) {
    const points = INSPECTION_AWARDS[r.rank - 1]
    if (!points) continue
    if (r.awarded) {
      awards.push({ courtyard: r.courtyardName, rank: r.rank, points: fromTenths(toTenths(points)), households: r.awardedHouseholds ?? 0 })
      continue
    }
    const residents = ((await db.collection('residents').where({ courtyardId: r.courtyardId }).limit(1000).get()).data as ResidentRecord[]).filter((p) => !p.status) // deleted or moved away: no longer here
    const paid = new Set<string>()
    for (const resident of residents) {
      // With the household wallet on, one payment per household; without, one to each of its members.
      if (settings.householdWallet && paid.has(resident.householdId)) continue
      paid.add(resident.householdId)
      const placement = await placementOf(db, resident)
      const accountId = walletOf(placement, settings.householdWallet)
      const key = `inspection:${r._id}:${settings.householdWallet ? resident.householdId : resident._id}`
      const entry = await transaction(db, async (tx) => {
        if ((await tx.collection('ledger').doc(key).get()).data) return null
        return postEntry(
          tx,
          { key, accountId, delta: toTenths(points), kind: 'credit', source: { type: 'inspection', id: r._id }, operator: payer.openid, operatorName: payer.name, note: `卫生检查第 ${r.rank} 名：${r.courtyardName}` },
          placement,
          now,
          { account: await readAccount(tx, accountId), ...(settings.settlement === 'monthly' ? { pendingMonth: monthKey(now) } : {}) },
        )
      })
      if (entry) await projectEntry(db, entry._id)
    }
    await db.collection('inspections').doc(r._id).update({ awarded: true, awardedHouseholds: paid.size, awardedAt: now.toISOString() })
    awards.push({ courtyard: r.courtyardName, rank: r.rank, points: fromTenths(toTenths(points)), households: paid.size })
  }
  return awards
}

/** Whether any inspection of the month has been paid: then the month's scores stand as they are. */
export async function monthAwarded(db: Db, communityId: string, month: string): Promise<boolean> {
  return ((await db.collection('inspections').where({ communityId, month, awarded: true }).limit(1).get()).data as unknown[]).length > 0
}
