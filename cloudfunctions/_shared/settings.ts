/** A community's settings (`settings/<communityId>`), with the defaults for whatever was never set. */
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/governance'
import type { Db } from './cloud'

export async function readSettings(db: Db, communityId: string): Promise<Settings> {
  const doc = ((await db.collection('settings').doc(communityId).get()).data as Partial<Settings>[])[0] ?? {}
  return {
    settlement: doc.settlement ?? DEFAULT_SETTINGS.settlement,
    publicityDays: doc.publicityDays ?? DEFAULT_SETTINGS.publicityDays,
    householdWallet: doc.householdWallet ?? DEFAULT_SETTINGS.householdWallet,
    suspensionMonths: doc.suspensionMonths ?? DEFAULT_SETTINGS.suspensionMonths,
    refundExpiredVouchers: doc.refundExpiredVouchers ?? DEFAULT_SETTINGS.refundExpiredVouchers,
  }
}
