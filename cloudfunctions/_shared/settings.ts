/** A community's settings (`settings/<communityId>`), with the defaults for whatever was never set. */
import { type Settings, settingsWithDefaults } from '../../src/core/governance'
import type { Db, Transaction } from './cloud'

/**
 * The settings in force: what the community set, the defaults (core/governance) for the rest. Inside a transaction
 * too (pass `tx`), where a read answers the document itself rather than a list of it.
 */
export async function readSettings(db: Db | Transaction, communityId: string): Promise<Settings> {
  const data = (await db.collection('settings').doc(communityId).get()).data as Partial<Settings>[] | Partial<Settings> | null
  return settingsWithDefaults(Array.isArray(data) ? data[0] : data)
}
