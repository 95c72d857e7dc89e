/**
 * 我的数据与隐私 for any member: what is held about me (myData), all of it as an Excel workbook (exportMine), and a
 * request to delete it (requestDeletion), which the community's admin carries out (org.processDeletion).
 */
import { CLAIM_STATUS_NAMES, type ClaimStatus } from '../../src/core/claims'
import { OBJECTION_STATUS_NAMES, type ObjectionStatus } from '../../src/core/governance'
import { ENTRY_KIND_NAMES } from '../../src/core/ledger'
import { inZone } from '../../src/core/period'
import { fromTenths } from '../../src/core/points'
import type { DeletionRequest, DeletionStatus, MyData } from '../../src/core/privacy'
import { VOUCHER_STATUS_NAMES } from '../../src/core/shop'
import { ROLE_NAMES } from '../../src/core/user'
import { exportMineInput, myDataInput, requestDeletionInput } from '../../src/core/user.schema'
import type { ClaimRecord } from '../claims/records'
import type { ObjectionRecord } from '../governance/objections'
import { type Db, readAll, transaction } from '../_shared/cloud'
import { saveExport, sheetOf, workbook } from '../_shared/exports'
import { action, type MemberCtx } from '../_shared/handler'
import { derivedId } from '../_shared/ids'
import type { LedgerRecord } from '../_shared/ledger'
import type { ResidentRecord } from '../_shared/org'
import type { VoucherRecord } from '../_shared/vouchers'
import { describeMember } from './me'

/** A resident record with the private fields this page shows (the shared type has only what most code reads). */
export type PrivateResident = ResidentRecord & { birthYear?: number; partyMember?: boolean; partyUnit?: string; hasPhone?: boolean; joinedWith?: string; status?: string }

export interface DeletionRequestRecord {
  _id: string
  communityId: string | null
  /** Removed once carried out: then nothing here points back to the WeChat account. */
  openid?: string
  name: string
  residentId: string | null
  courtyardName: string
  status: DeletionStatus
  requestedAt: string
  processedAt?: string
  processedBy?: string
}

export const toDeletionRequest = (r: DeletionRequestRecord): DeletionRequest => ({
  id: r._id,
  status: r.status,
  name: r.name,
  courtyardName: r.courtyardName,
  requestedAt: r.requestedAt,
  ...(r.processedAt ? { processedAt: r.processedAt } : {}),
})


const OPEN_CLAIMS: ClaimStatus[] = ['submitted', 'pre_approved', 'returned']

/** The caller's pending request, if any. */
async function pendingRequest(db: Db, openid: string): Promise<DeletionRequestRecord | null> {
  return ((await db.collection('deletionRequests').where({ openid, status: 'pending' }).limit(1).get()).data as DeletionRequestRecord[])[0] ?? null
}

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : null)
const when = (v: string | null | undefined) => (v ? inZone(v).format('YYYY-MM-DD HH:mm') : '')

/** What is held about the caller: the account, the resident record, how many of each record, and any deletion request. */
export const myData = action({
  input: myDataInput,
  access: 'member',
  handler: async ({ ctx }): Promise<MyData> => {
    const { db, user, openid } = ctx
    const _ = db.command
    const residentId = user.residentId
    const count = async (collection: string, where: Record<string, unknown>) => ((await db.collection(collection).where(where).count()) as { total: number }).total
    const [me, resident, claims, openClaims, vouchers, issuedVouchers, objections, ledgerEntries, activities, lessons, pending] = await Promise.all([
      describeMember(ctx),
      residentId ? db.collection('residents').doc(residentId).get().then((r) => ((r.data as PrivateResident[])[0] ?? null)) : Promise.resolve(null),
      residentId ? count('claims', { residentId }) : 0,
      residentId ? count('claims', { residentId, status: _.in(OPEN_CLAIMS) }) : 0,
      residentId ? count('vouchers', { residentId }) : 0,
      residentId ? count('vouchers', { residentId, status: 'issued' }) : 0,
      count('objections', { objector: openid }),
      residentId ? count('ledger', { residentId }) : 0,
      residentId ? count('activitySignups', { residentId, status: 'signed' }) : 0,
      residentId ? count('lessonResults', { residentId }) : 0,
      pendingRequest(db, openid),
    ])
    return {
      account: {
        name: user.name,
        communityName: me.communityName,
        roles: me.roles.map((r) => ({ role: r.role, ...(r.nodeName ? { nodeName: r.nodeName } : {}) })),
        joinedAt: iso((user as { createdAt?: unknown }).createdAt),
      },
      resident: resident
        ? {
            name: resident.name,
            birthYear: resident.birthYear ?? null,
            partyMember: !!resident.partyMember,
            partyUnit: resident.partyMember ? (resident.partyUnit ?? null) : null,
            hasPhone: resident.hasPhone !== false && !!resident.openid,
            householdName: me.householdName,
            courtyardName: me.courtyardName,
          }
        : null,
      counts: { claims, openClaims, vouchers, issuedVouchers, objections, ledgerEntries, activities, lessons },
      deletion: pending ? toDeletionRequest(pending) : null,
    }
  },
})

/**
 * 导出我的数据: everything about the caller in one workbook — 个人信息, 申报, 积分明细, 兑换券, 异议 — their own rows
 * only, saved like the other exports (a link good for an hour, and the fileID for the mini-program's download).
 */
export const exportMine = action({
  input: exportMineInput,
  access: 'member',
  handler: async ({ ctx }) => {
    const { db, user, openid } = ctx
    const residentId = user.residentId
    const [me, resident, claims, entries, vouchers, objections] = await Promise.all([
      describeMember(ctx),
      residentId ? db.collection('residents').doc(residentId).get().then((r) => ((r.data as PrivateResident[])[0] ?? null)) : Promise.resolve(null),
      residentId ? readAll<ClaimRecord>(db, 'claims', { residentId }, ['createdAt', 'asc']) : Promise.resolve([]),
      residentId ? readAll<LedgerRecord>(db, 'ledger', { residentId }, ['at', 'asc']) : Promise.resolve([]),
      residentId ? readAll<VoucherRecord>(db, 'vouchers', { residentId }, ['issuedAt', 'asc']) : Promise.resolve([]),
      readAll<ObjectionRecord>(db, 'objections', { objector: openid }, ['createdAt', 'asc']),
    ])
    const book = workbook()

    const person = sheetOf(book, '个人信息', { item: ['项目', 16], value: ['内容', 40] })
    const facts: [string, string][] = [
      ['姓名', user.name],
      ['社区', me.communityName ?? ''],
      ['院落', me.courtyardName ?? ''],
      ['家庭', me.householdName ?? ''],
      ['角色', me.roles.map((r) => `${ROLE_NAMES[r.role]}${r.nodeName ? `（${r.nodeName}）` : ''}`).join('、') || '居民'],
      ['加入时间', when(iso((user as { createdAt?: unknown }).createdAt))],
      ...(resident
        ? ([
            ['出生年份', resident.birthYear ? String(resident.birthYear) : '未登记'],
            ['党员', resident.partyMember ? `是${resident.partyUnit ? `（${resident.partyUnit}）` : ''}` : '否'],
            ['用手机参与', resident.hasPhone !== false && resident.openid ? '是' : '否'],
          ] as [string, string][])
        : []),
    ]
    for (const [item, value] of facts) person.addRow({ item, value })

    const claimSheet = sheetOf(book, '申报', {
      createdAt: ['提交时间', 18], rule: ['事项', 24], category: ['类别', 12], points: ['积分', 8],
      status: ['状态', 10], occurredAt: ['发生时间', 18], place: ['地点', 24], description: ['说明', 40],
      photos: ['照片（张）', 10]
    })
    for (const c of claims) {
      claimSheet.addRow({
        createdAt: when(c.createdAt),
        rule: c.ruleName,
        category: c.categoryName,
        points: fromTenths(c.pointsTenths),
        status: CLAIM_STATUS_NAMES[c.status] ?? c.status,
        occurredAt: when(c.occurredAt),
        place: c.place,
        description: c.description,
        photos: c.photos.length,
      })
    }

    const ledgerSheet = sheetOf(book, '积分明细', {
      at: ['时间', 18], kind: ['类型', 8], delta: ['积分', 8], balance: ['余额', 8], note: ['事项', 32],
      operator: ['经办人', 12], id: ['记录编号', 40]
    })
    for (const e of entries) {
      ledgerSheet.addRow({ at: when(e.at), kind: ENTRY_KIND_NAMES[e.kind], delta: fromTenths(e.delta), balance: fromTenths(e.balanceAfter), note: e.note ?? '', operator: e.operatorName, id: e._id })
    }

    const voucherSheet = sheetOf(book, '兑换券', {
      issuedAt: ['兑换时间', 18], title: ['项目', 24], merchant: ['商家', 16], points: ['积分', 8],
      status: ['状态', 10], redeemedAt: ['使用时间', 18]
    })
    for (const v of vouchers) {
      voucherSheet.addRow({ issuedAt: when(v.issuedAt), title: v.offerTitle, merchant: v.merchantName, points: fromTenths(v.pointsTenths), status: VOUCHER_STATUS_NAMES[v.status] ?? v.status, redeemedAt: when(v.redeemedAt) })
    }

    const objectionSheet = sheetOf(book, '异议', {
      createdAt: ['提出时间', 18], month: ['公示月份', 10], entry: ['对哪条记录', 28], reason: ['理由', 40],
      photos: ['照片（张）', 10], status: ['结果', 12], note: ['处理意见', 30]
    })
    for (const o of objections) {
      objectionSheet.addRow({
        createdAt: when(o.createdAt),
        month: o.month,
        entry: `${o.entry.name} ${o.entry.item}`.trim(),
        reason: o.reason,
        photos: o.photos.length,
        status: OBJECTION_STATUS_NAMES[o.status as ObjectionStatus] ?? o.status,
        note: o.note ?? '',
      })
    }

    const today = inZone(ctx.now()).format('YYYY-MM-DD')
    return saveExport(book, user.communityId ?? 'none', 'mine', `我的数据-${today}.xlsx`, openid)
  },
})

/**
 * 申请注销: records the request for the community's admin, who carries it out (org.processDeletion). There is one
 * request per membership (its id derives from the account and when it joined), so a retry or a second tap answers
 * the same request, and someone who joins again later can ask again.
 */
export const requestDeletion = action({
  input: requestDeletionInput,
  access: 'member',
  handler: async ({ ctx }): Promise<{ request: DeletionRequest }> => {
    const { db, user, openid } = ctx
    const pending = await pendingRequest(db, openid)
    if (pending) return { request: toDeletionRequest(pending) }
    const me = await describeMember(ctx)
    const id = derivedId('dr', openid, JSON.stringify((user as { createdAt?: unknown }).createdAt ?? null))
    const record: DeletionRequestRecord = {
      _id: id,
      communityId: user.communityId,
      openid,
      name: user.name,
      residentId: user.residentId,
      courtyardName: me.courtyardName ?? '',
      status: 'pending',
      requestedAt: ctx.now().toISOString(),
    }
    const saved = await transaction(db, async (tx) => {
      const again = ((await tx.collection('deletionRequests').doc(id).get()).data ?? null) as DeletionRequestRecord | null
      if (again) return { ...again, _id: id }
      const { _id, ...fields } = record
      await tx.collection('deletionRequests').doc(_id).set(fields)
      return record
    })
    return { request: toDeletionRequest(saved) }
  },
})

/** For org.processDeletion: the request as stored. */
export async function getDeletionRequest(ctx: MemberCtx, id: string): Promise<DeletionRequestRecord | null> {
  return ((await ctx.db.collection('deletionRequests').doc(id).get()).data as DeletionRequestRecord[])[0] ?? null
}
