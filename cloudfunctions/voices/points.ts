/**
 * Where 说事 meets the ledger, always inside the transaction that moves the post:
 * - a credit by the kind's rule (the item carrying its sign, src/core/rules RULE_PURPOSES), once per post (its key);
 * - 心愿定制: the points a poster offers are held on their wallet (`heldTenths`: still theirs, not spendable) when the
 *   wish is posted; released when it is withdrawn or rejected; and on confirmation moved to the taker as one transfer
 *   — two entries, `transfer:<postId>:out` (taking the held points) and `:in`, in one transaction. A transfer is not
 *   earning: it changes no score and is not on the board (ledger.ts affectsScore).
 */
import { DomainError } from '../../src/core/errors'
import { insufficientPoints } from '../../src/core/glossary'
import { monthKey } from '../../src/core/period'
import { fromTenths } from '../../src/core/points'
import type { RulePurpose } from '../../src/core/rules'
import type { Db, Transaction } from '../_shared/cloud'
import { type AccountRecord, type LedgerRecord, type Placement, postEntry, readAccount, residentAccountId, spendable, walletOf, writeAccount } from '../_shared/ledger'
import { placementOf } from '../_shared/people'
import type { ResidentRecord } from '../_shared/org'
import type { Settings } from '../../src/core/governance'
import type { CategoryRecord, RuleRecord } from '../rules/records'
import { type VoiceRecord, creditKey, transferKeys } from './records'

export interface PurposeRule {
  rule: RuleRecord
  category: { id: string; name: string }
}

/** The community's enabled item carrying the loop's sign (the first in catalogue order), or null: the loop pays nothing. */
export async function purposeRule(db: Db, communityId: string, purpose: RulePurpose): Promise<PurposeRule | null> {
  const rules = ((await db.collection('rules').where({ communityId, purpose, enabled: true }).limit(10).get()).data as RuleRecord[]).sort((a, b) => a.order - b.order)
  const rule = rules[0]
  if (!rule) return null
  const category = ((await db.collection('ruleCategories').doc(rule.categoryId).get()).data as CategoryRecord[])[0]
  return { rule, category: { id: rule.categoryId, name: category?.name ?? '' } }
}

/** A resident's placement, or null when they are gone (moved away, deleted): nobody to pay. */
export async function payablePlacement(db: Db, residentId: string | null | undefined): Promise<Placement | null> {
  if (!residentId) return null
  const r = ((await db.collection('residents').doc(residentId).get()).data as ResidentRecord[])[0]
  if (!r || r.status) return null
  return placementOf(db, r)
}

/**
 * Credits `placement` by `paid`'s rule for the post, inside `tx` — pending under monthly settlement, as an approved
 * claim — unless the post's key was written already. Answers the entry written now (to project after the commit).
 */
export async function creditIn(
  tx: Transaction,
  post: Pick<VoiceRecord, '_id' | 'kind' | 'title'>,
  paid: PurposeRule | null,
  placement: Placement | null,
  settings: Settings,
  by: { openid: string; name: string },
  now: Date,
): Promise<LedgerRecord | null> {
  if (!paid || !placement || paid.rule.pointsTenths <= 0) return null
  const key = creditKey(post._id)
  if ((await tx.collection('ledger').doc(key).get()).data) return null
  return postEntry(
    tx,
    {
      key,
      accountId: walletOf(placement, settings.householdWallet),
      delta: paid.rule.pointsTenths,
      kind: 'credit',
      source: { type: post.kind, id: post._id },
      operator: by.openid,
      operatorName: by.name,
      note: `${paid.rule.name}：${post.title}`,
      category: paid.category,
    },
    placement,
    now,
    settings.settlement === 'monthly' ? { pendingMonth: monthKey(now) } : {},
  )
}

/** Holds `tenths` of the account's spendable points for a wish, inside `tx`; refuses when they are not there or the account is suspended. */
export async function holdIn(tx: Transaction, accountId: string, personId: string, tenths: number, owner: Placement, at: Date): Promise<void> {
  const account = await readAccount(tx, accountId)
  const person = accountId === residentAccountId(personId) ? account : await readAccount(tx, residentAccountId(personId))
  const iso = at.toISOString()
  if (person?.suspendedUntil && person.suspendedUntil > iso) throw new DomainError('ACCOUNT.SUSPENDED', `您的积分已暂停使用，到 ${person.suspendedUntil.slice(0, 10)} 恢复，暂时不能拿出积分许愿`)
  const free = spendable(account)
  if (free < tenths) throw new DomainError('POINTS.INSUFFICIENT', insufficientPoints(fromTenths(tenths), fromTenths(free)))
  await writeAccount(tx, accountId, account, { heldTenths: (account?.heldTenths ?? 0) + tenths, updatedAt: iso }, owner)
}

/**
 * Gives back a wish's held points, inside `tx` (withdrawn or rejected): the hold ends, the points are spendable again.
 * Held on an account the poster no longer pays from (the household wallet was switched since), they follow to the
 * one they pay from now, as a wallet move does, so that nothing is left where nobody sees it.
 */
export async function releaseIn(tx: Transaction, post: VoiceRecord, poster: Placement | null, settings: Settings, by: { openid: string; name: string }, now: Date): Promise<void> {
  if (!post.offerTenths || !post.heldOn) return
  const account = await readAccount(tx, post.heldOn)
  const held = account?.heldTenths ?? 0
  const release = Math.min(held, post.offerTenths)
  await writeAccount(tx, post.heldOn, account, { heldTenths: held - release, updatedAt: now.toISOString() })
  const wallet = poster ? walletOf(poster, settings.householdWallet) : post.heldOn
  if (!poster || wallet === post.heldOn || release <= 0) return
  const source = { type: 'wallet' as const, id: post._id }
  const note = '心愿撤回，冻结的积分回到现在使用的积分账户'
  const common = { kind: 'adjustment' as const, source, operator: by.openid, operatorName: by.name, note }
  await postEntry(tx, { ...common, key: `release:${post._id}:out`, accountId: post.heldOn, delta: -release }, poster, now, { account: { ...account!, heldTenths: held - release } })
  await postEntry(tx, { ...common, key: `release:${post._id}:in`, accountId: wallet, delta: release }, poster, now)
}

/** 心愿定制 on confirmation: the held points move from the poster to the taker, two entries of one key, inside `tx`. */
export async function transferIn(tx: Transaction, post: VoiceRecord, poster: Placement, taker: Placement, settings: Settings, by: { openid: string; name: string }, now: Date): Promise<void> {
  if (!post.offerTenths || !post.heldOn) return
  const keys = transferKeys(post._id)
  if ((await tx.collection('ledger').doc(keys.out).get()).data) return
  const account: AccountRecord | null = await readAccount(tx, post.heldOn)
  const amount = Math.min(post.offerTenths, account?.heldTenths ?? 0)
  if (amount <= 0) return
  const common = { kind: 'adjustment' as const, source: { type: 'transfer' as const, id: post._id }, operator: by.openid, operatorName: by.name }
  await postEntry(tx, { ...common, key: keys.out, accountId: post.heldOn, delta: -amount, note: `心愿定制：${post.title}（给${taker.residentName}）` }, poster, now, { account, release: amount })
  await postEntry(tx, { ...common, key: keys.in, accountId: walletOf(taker, settings.householdWallet), delta: amount, note: `心愿定制：${post.title}（${poster.residentName}给的）` }, taker, now)
}
