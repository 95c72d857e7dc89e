/**
 * The words of the audit log: what each logged `function.action` is called in the office, what its targets are, and
 * the names of the fields and statuses that its before → after carry. Anything not named here shows as logged.
 */
import { CLAIM_STATUS_NAMES } from '@core/claims'
import { LISTING_STATUS_NAMES, OBJECTION_STATUS_NAMES } from '@core/governance'
import { OFFER_STATUS_NAMES, VOUCHER_STATUS_NAMES } from '@core/shop'
import { formatDateTime } from '../../components'

export const FUNCTION_NAMES: Record<string, string> = {
  claims: '申报',
  points: '积分',
  org: '组织与设置',
  rules: '积分细则',
  shop: '积分超市',
  governance: '公示与治理',
}

export const ACTION_NAMES: Record<string, string> = {
  'claims.submit': '代申报 / 提交申报',
  'claims.review': '审核申报',
  'claims.withdraw': '撤回申报',
  'claims.resubmit': '补充材料',
  'points.adjust': '调整积分',
  'points.reverse': '冲正积分',
  'org.saveNode': '保存组织节点',
  'org.assignRole': '授予职责',
  'org.revokeRole': '撤销职责',
  'org.addResident': '登记居民',
  'org.issueInvite': '发邀请码',
  'org.updateSettings': '修改社区设置',
  'org.setPartyMember': '标记党员',
  'rules.save': '保存积分细则',
  'rules.disable': '停用 / 恢复细则',
  'shop.saveOffer': '保存商品',
  'shop.reviewOffer': '审核商品',
  'shop.exchange': '兑换',
  'shop.redeem': '核销',
  'shop.cancel': '退回兑换券',
  'shop.saveMerchant': '保存商家',
  'shop.setMerchantStatus': '暂停 / 恢复商家',
  'shop.clerkInvite': '店员邀请码',
  'shop.exportSettlement': '导出月结算',
  'governance.closeMonth': '结月',
  'governance.exportPublicity': '导出公示',
  'governance.resolve': '处理异议',
  'governance.propose': '红黑榜提名',
  'governance.confirm': '确认红黑榜',
  'governance.revokeListing': '撤销红黑榜',
  'governance.inspect': '卫生检查打分',
  'governance.awardInspections': '卫生检查评奖',
  'governance.partyReport': '查看 / 导出党员积分档案',
}

/** 审核申报, or the logged name itself when it has no Chinese one yet. */
export const actionName = (action: string) => ACTION_NAMES[action] ?? FUNCTION_NAMES[action.split('.')[0]] ?? action

export const TARGET_NAMES: Record<string, string> = {
  claim: '申报',
  entry: '积分记录',
  resident: '居民',
  household: '户',
  node: '组织节点',
  month: '月份',
  objection: '异议',
  listing: '红黑榜',
  inspection: '卫生检查',
  settings: '社区设置',
  offer: '商品',
  voucher: '兑换券',
  merchant: '商家',
  rule: '积分细则',
  invite: '邀请码',
}

const KEY_NAMES: Record<string, string> = {
  status: '状态',
  reason: '原因',
  note: '意见',
  points: '积分',
  delta: '积分',
  digest: '校验码',
  entryCount: '记录数',
  windowEndsAt: '公示截止',
  until: '暂停至',
  score: '分数',
  name: '名称',
  title: '名称',
  list: '榜',
  settlement: '积分到账',
  publicityDays: '公示天数',
  householdWallet: '家庭账户',
  suspensionMonths: '黑榜暂停月数',
  refundExpiredVouchers: '过期券退积分',
  awardInspectionsAtClose: '结月发检查奖励',
  partyMember: '党员',
  unit: '单位',
  reversal: '冲正记录',
  asked: '应扣 / 应奖积分',
  returned: '退回积分',
  revokedListing: '撤销的红黑榜',
  entry: '积分记录',
  offer: '商品',
}

const VALUE_NAMES: Record<string, Record<string, string>> = {
  claim: CLAIM_STATUS_NAMES,
  objection: OBJECTION_STATUS_NAMES,
  listing: LISTING_STATUS_NAMES,
  offer: OFFER_STATUS_NAMES,
  voucher: VOUCHER_STATUS_NAMES,
  merchant: { active: '正常', suspended: '暂停' },
}

const PLAIN_VALUES: Record<string, string> = { instant: '即时到账', monthly: '按月公示后到账', black: '黑榜', red: '红榜', true: '是', false: '否' }

const MAX = 80

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

function short(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string' && ISO.test(value)) return formatDateTime(value)
  if (typeof value === 'string') return value.length > 24 ? `${value.slice(0, 12)}…${value.slice(-4)}` : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `${value.length} 项`
  return '{…}'
}

/** One field's value as read: a status by its name, 即时到账 for instant, long values cut. */
function valueText(key: string, v: unknown, target?: string): string {
  if (key === 'status' && typeof v === 'string') return VALUE_NAMES[target ?? '']?.[v] ?? v
  if (typeof v === 'string' || typeof v === 'boolean') return PLAIN_VALUES[String(v)] ?? short(v)
  return short(v)
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

/**
 * What an act changed, as one line. Two objects: only the fields that differ, 积分到账：即时到账 → 按月公示后到账;
 * otherwise the before and the after each in short.
 */
export function changeLine(before: unknown, after: unknown, target?: string): string {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    if (keys.length > 0) {
      const line = keys
        .map((k) => {
          const name = KEY_NAMES[k] ?? k
          // A field the act added reads as itself (意见：…), not as — → ….
          if (!(k in before)) return `${name}：${valueText(k, after[k], target)}`
          return `${name}：${valueText(k, before[k], target)} → ${k in after ? valueText(k, after[k], target) : '—'}`
        })
        .join('；')
      return line.length > MAX ? `${line.slice(0, MAX)}…` : line
    }
  }
  if (before === undefined) return compact(after, target)
  return `${compact(before, target)} → ${compact(after, target)}`
}

/**
 * A before or after as one line: 状态：待初审，原因：照片不清楚 — field names and statuses in Chinese where known,
 * long values cut, at most 80 characters. `target` picks the status names (a claim's, an offer's …).
 */
export function compact(value: unknown, target?: string): string {
  if (value === undefined) return '—'
  let line: string
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    line = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${KEY_NAMES[k] ?? k}：${valueText(k, v, target)}`)
      .join('，')
  } else line = short(value)
  return line.length > MAX ? `${line.slice(0, MAX)}…` : line
}

/** The whole value, indented, for the opened row. */
export const pretty = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value, null, 2))
