/**
 * The words of the audit log: what each logged `function.action` is called in the office, what its targets are, and
 * the names of the fields and statuses that its before → after carry. Anything not named here shows as logged.
 */
import { CLAIM_STATUS_NAMES } from '@core/claims'
import { LISTING_STATUS_NAMES, OBJECTION_STATUS_NAMES } from '@core/governance'
import { ENTRY_KIND_NAMES } from '@core/ledger'
import { OFFER_KIND_NAMES, OFFER_STATUS_NAMES, VOUCHER_STATUS_NAMES } from '@core/shop'
import { GLOSSARY } from '@core/glossary'
import { HAZARD_STATUS_NAMES, SUGGESTION_STATUS_NAMES, VOICE_KIND_NAMES, WISH_STATUS_NAMES } from '@core/voices'
import { formatDateTime } from '../../components/format'

export const FUNCTION_NAMES: Record<string, string> = {
  user: '我的账户',
  claims: '申报',
  points: '积分',
  org: '组织与设置',
  rules: '积分细则',
  shop: '积分超市',
  governance: '公示与治理',
  activities: '活动',
  learning: '学习',
  voices: '说事',
  cards: '积分卡',
}

export const ACTION_NAMES: Record<string, string> = {
  'claims.submit': '代申报 / 提交申报',
  'claims.review': '审核申报',
  'claims.withdraw': '撤回申报',
  'claims.resubmit': '补充材料',
  'points.adjust': '调整积分',
  'points.reverse': '冲正积分',
  'points.deduct': '登记扣分',
  'points.decideDeduction': '复核扣分',
  'org.moveResident': '迁户',
  'org.removeResident': '登记搬走',
  'rules.saveCategory': '保存类别',
  'rules.moveCategory': '调整类别顺序',
  'rules.removeCategory': '删除类别',
  'rules.moveRule': '调整条目顺序',
  'learning.save': '保存学习课程',
  'activities.save': '保存活动',
  'activities.checkinFor': '代居民签到',
  'activities.finish': '结束活动并发积分',
  'activities.exportAttendance': '导出签到表',
  'activities.saveTeam': '保存志愿队',
  'voices.reply': '回复说事',
  'voices.decide': '办理说事',
  'voices.confirm': '代确认',
  'voices.withdraw': '代撤回心愿',
  'voices.export': '导出说事台账',
  'cards.issue': '发积分卡',
  'cards.setPin': '设积分卡密码',
  'cards.revoke': '作废积分卡',
  'cards.sheet': '打印积分卡',
  'shop.exchangeByCard': '刷卡兑换',
  'org.saveNode': '保存组织节点',
  'org.assignRole': '授予职责',
  'org.revokeRole': '撤销职责',
  'org.addResident': '登记居民',
  'org.issueInvite': '发邀请码',
  'org.updateSettings': '修改社区设置',
  'org.setPartyMember': '标记党员',
  'org.processDeletion': '办理注销',
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
  deduction: '扣分',
  ruleCategory: '积分细则类别',
  lesson: '学习课程',
  activity: '活动',
  team: '志愿队',
  voice: '说事',
  voices: '说事台账',
  courtyard: '院落',
  residents: '居民',
}

const KEY_NAMES: Record<string, string> = {
  status: '状态',
  reason: '原因',
  note: '意见',
  points: '积分',
  delta: '积分',
  digest: GLOSSARY.verifyCode,
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
  decision: '决定',
  kind: '类别',
  operator: '经办人',
  reviewedBy: '审核人',
  createdBy: '创建人',
  submittedBy: '提交人',
  at: '时间',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  reviewedAt: '审核时间',
  submittedAt: '提交时间',
  balanceAfter: '之后余额',
  month: '月份',
  quarter: '季度',
  price: '所需积分',
  stock: '库存',
  residentId: '居民',
  claimId: '申报',
  entryId: '积分记录',
  accountsMoved: '转移的账户数',
  role: '职责',
  phone: '电话',
  address: '地址',
  description: '说明',
  export: '导出文件',
  item: '事项',
  order: '顺序',
  vouchersCancelled: '退回的兑换券',
  questions: '题数',
  awarded: '发放积分人数',
  startAt: '开始时间',
  learningDailyCap: '每天学习积分上限',
  elderModeFrom70: '70 岁以上默认大字模式',
  reply: '回复',
  credited: '加分',
}

/**
 * Fields that hold a person's openid, and the field of the same record that carries their name. The openid itself is
 * never shown: with no name beside it, the field is left out.
 */
const PERSON_NAME_KEYS: Record<string, string[]> = {
  operator: ['operatorName'],
  reviewedBy: ['reviewerName', 'reviewedByName'],
  createdBy: ['creatorName', 'createdByName'],
  submittedBy: ['submitterName', 'submittedByName'],
  openid: ['name'],
}

/** Fields that hold an id or an internal key: shown as what they point at (积分记录), never as the key itself. */
const ID_KEYS: Record<string, string> = {
  id: '记录',
  entry: '积分记录',
  entryId: '积分记录',
  reversal: '积分记录',
  revokedListing: '红黑榜记录',
  claimId: '申报',
  residentId: '居民',
}

/** A field the human view leaves out entirely: the person names that stand in for an openid are read with it. */
const NAME_CARRIERS = new Set(Object.values(PERSON_NAME_KEYS).flat().filter((k) => k !== 'name'))

const VALUE_NAMES: Record<string, Record<string, string>> = {
  claim: CLAIM_STATUS_NAMES,
  objection: OBJECTION_STATUS_NAMES,
  listing: LISTING_STATUS_NAMES,
  offer: OFFER_STATUS_NAMES,
  voucher: VOUCHER_STATUS_NAMES,
  merchant: { active: '正常', suspended: '暂停' },
  // One table for the three kinds (a log line's field has no kind beside it): the statuses two kinds share read for both.
  voice: { ...SUGGESTION_STATUS_NAMES, ...HAZARD_STATUS_NAMES, ...WISH_STATUS_NAMES, confirmed: '已确认（心愿已圆梦或隐患已解决）', rejected: '未通过或不是隐患' },
}

const PLAIN_VALUES: Record<string, string> = { pass: '通过', reject: '不通过', return: '退回补充', uphold: '异议成立', dismiss: '异议不成立', confirm: '确认', instant: '即时到账', monthly: '按月公示后到账', black: '黑榜', red: '红榜', true: '是', false: '否' }

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

const DIGEST = /^[0-9a-f]{16,}$/i

/** A digest as the office reads it: its first 8 characters in two groups of 4, 1a2b 3c4d. */
export const shortDigest = (digest: string) => `${digest.slice(0, 4)} ${digest.slice(4, 8)}`

/**
 * One field's value as read: a status by its name, 即时到账 for instant, an id as what it is (积分记录), a person by
 * name, long values cut. `record` is the object the field belongs to (for the name beside an openid); null when the
 * field is not to be shown at all.
 */
function fieldText(key: string, v: unknown, target?: string, record?: Record<string, unknown>): string | null {
  if (!(key in KEY_NAMES) || NAME_CARRIERS.has(key)) return null
  if (key in PERSON_NAME_KEYS) {
    // entry.operator already carries the name (toEntry); an openid-looking value with no name beside it is left out.
    const name = PERSON_NAME_KEYS[key].map((k) => record?.[k]).find((n): n is string => typeof n === 'string' && n.length > 0)
    if (name) return name
    return typeof v === 'string' && !looksLikeKey(v) ? v : null
  }
  if (key in ID_KEYS) return v === null || v === undefined || v === '' ? '—' : ID_KEYS[key]
  if (key === 'digest' && typeof v === 'string') return DIGEST.test(v) ? shortDigest(v) : '—'
  return valueText(key, v, target)
}

/** An openid, an id or a key (o8x…, reversal:claim:…, a long hex): nothing a person reads. */
const looksLikeKey = (v: string) => /^o[\w-]{20,}$/.test(v) || /^[a-z]+:[\w:-]+$/i.test(v) || /^[0-9a-f-]{16,}$/i.test(v) || /^demo-/.test(v)

/** One field's value as read: a status by its name, 即时到账 for instant, long values cut. */
function valueText(key: string, v: unknown, target?: string): string {
  if (key === 'status' && typeof v === 'string') return VALUE_NAMES[target ?? '']?.[v] ?? v
  if (key === 'kind' && typeof v === 'string') return (ENTRY_KIND_NAMES as Record<string, string>)[v] ?? (OFFER_KIND_NAMES as Record<string, string>)[v] ?? (VOICE_KIND_NAMES as Record<string, string>)[v] ?? v
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
          const name = KEY_NAMES[k]
          const was = k in before ? fieldText(k, before[k], target, before) : null
          const now = k in after ? fieldText(k, after[k], target, after) : '—'
          if (!name || (was === null && now === null)) return null
          // A field the act added reads as itself (意见：…), not as — → ….
          if (!(k in before)) return `${name}：${now ?? '—'}`
          return `${name}：${was ?? '—'} → ${now ?? '—'}`
        })
        .filter((l): l is string => l !== null)
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
    const record = value as Record<string, unknown>
    line = Object.entries(record)
      .map(([k, v]) => {
        const text = fieldText(k, v, target, record)
        return text === null ? null : `${KEY_NAMES[k]}：${text}`
      })
      .filter((l): l is string => l !== null)
      .join('，')
  } else line = typeof value === 'string' && looksLikeKey(value) ? '—' : Array.isArray(value) ? `${value.length} 项` : short(value)
  return line.length > MAX ? `${line.slice(0, MAX)}…` : line
}

/**
 * The whole value for the opened row, one "字段：值" line per field the office has a name for: times in Chinese,
 * statuses by name, people by name, ids as what they are. Nested records read as 字段 · 子字段：值; lists of records
 * as 字段 1 · 子字段：值. A field with no Chinese name is left out; a value with nothing readable gives no lines.
 */
export function detailLines(value: unknown, target?: string, prefix = ''): string[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value)) {
    if (value.every(isRecord)) return value.flatMap((v, i) => detailLines(v, target, `${prefix}第 ${i + 1} 项 · `))
    return [`${prefix || '内容'}：${value.length} 项`.replace(' · ：', '：')]
  }
  if (!isRecord(value)) {
    if (typeof value === 'string' && looksLikeKey(value)) return []
    return [prefix ? `${prefix.replace(/ · $/, '')}：${short(value)}` : short(value)]
  }
  return Object.entries(value).flatMap(([k, v]) => {
    if (isRecord(v) || (Array.isArray(v) && v.length > 0 && v.every(isRecord))) return KEY_NAMES[k] ? detailLines(v, target, `${prefix}${KEY_NAMES[k]} · `) : []
    const text = fieldText(k, v, target, value)
    return text === null ? [] : [`${prefix}${KEY_NAMES[k]}：${text}`]
  })
}
