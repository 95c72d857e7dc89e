/**
 * Subscribe messages (订阅消息): which messages exist, what each one says, and how its facts fill a template chosen in
 * 微信公众平台 → 订阅消息. One mapping per message, documented in docs/subscribe-messages.md:
 * - the template id comes from configuration, `SUBSCRIBE_TEMPLATE_<KIND>` (server) and `TARO_APP_TEMPLATE_<KIND>` (the
 *   app, which asks people to subscribe to the same ids);
 * - the template's keys (thing1, phrase2, time3 …) come from `SUBSCRIBE_FIELDS_<KIND>` ("item:thing1,result:phrase2"),
 *   or the defaults below.
 * A message whose template is not configured is recorded as skipped, never sent with a made-up id.
 */
import { inZone } from './period'

export const MESSAGE_KINDS = ['claim_to_review', 'claim_decided', 'listing', 'objection_resolved', 'objection', 'listing_proposed', 'listing_revoked', 'deduction_to_review', 'deduction', 'activity_reminder', 'voice_to_handle', 'voice_update'] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]

export interface MessageSpec {
  /** Who is told, and when. */
  about: string
  /** The facts a message of this kind carries (fact → what it is), to choose a template whose keys fit them. */
  facts: Record<string, string>
  /** Which template key each fact fills unless SUBSCRIBE_FIELDS_<KIND> says otherwise. */
  keys: Record<string, string>
}

const spec = (about: string, facts: Record<string, string>, keys: Record<string, string>): MessageSpec => ({ about, facts, keys })

/** Every message also has `time`: when it was made. One line a kind: who is told, the facts it carries, the keys they fill. */
export const MESSAGES: Record<MessageKind, MessageSpec> = {
  claim_to_review: spec('院长、网格员：有一条新申报等他审核', { item: '申报事项', person: '申报人', points: '积分', step: '环节（初审或审核）', time: '提交时间' }, { item: 'thing1', person: 'name2', time: 'time3' }),
  claim_decided: spec('申报人（和代申报的人）：申报有了结果（通过、未通过、退回补充）', { item: '申报事项', result: '审核结果', note: '说明（原因或得分）', time: '处理时间' }, { item: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' }),
  listing: spec('居民：被列入黑榜（扣分、暂停兑换）或红榜', { list: '榜单（黑榜或红榜）', reason: '原因', points: '分值', until: '暂停到', time: '时间' }, { list: 'phrase1', reason: 'thing2', time: 'time3' }),
  objection_resolved: spec('提异议的人和被异议的居民：异议处理完了', { item: '被异议的记录', result: '处理结果', note: '处理意见', time: '处理时间' }, { item: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' }),
  objection: spec('工作小组：有人提出了异议', { item: '被异议的记录', reason: '异议理由', time: '提出时间' }, { item: 'thing1', reason: 'thing2', time: 'time3' }),
  listing_proposed: spec('工作小组：网格员提名了红黑榜', { person: '被提名的人', list: '榜单', reason: '理由', time: '提名时间' }, { person: 'thing1', list: 'phrase2', reason: 'thing3', time: 'time4' }),
  deduction_to_review: spec('网格员、工作小组：有一条登记的扣分等他复核', { person: '被扣分的居民', item: '扣分事项', points: '分值', time: '登记时间' }, { person: 'thing1', item: 'thing2', time: 'time3' }),
  deduction: spec('居民：登记的扣分经复核生效（写实际扣了多少）', { item: '扣分事项', points: '扣的分', result: '结果', time: '时间' }, { item: 'thing1', result: 'phrase2', time: 'time3' }),
  activity_reminder: spec('报名了活动的居民：活动快开始了（开始前两小时左右提醒一次）', { item: '活动名称', startAt: '开始时间', place: '地点', time: '提醒时间' }, { item: 'thing1', startAt: 'time2', place: 'thing3' }),
  voice_to_handle: spec('工作小组、网格员、院长：有一条说事等他办理（新的建议、待审核的心愿、随手拍隐患，或超过 3 天没处理的隐患）', { kind: '种类（居民说事、微心愿、随手拍）', item: '标题', person: '提出人', time: '提交时间' }, { item: 'thing1', kind: 'phrase2', time: 'time3' }),
  voice_update: spec('提出人、认领人：说事有了进展（回复、采纳、认领、完成、受理、处理完毕）', { item: '标题', result: '进展', note: '说明', time: '时间' }, { item: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' }),
  listing_revoked: spec('居民：他的红黑榜记录被撤销了（退回扣分、恢复兑换）', { list: '榜单（黑榜或红榜）', reason: '撤销理由', points: '退回或收回的分值', time: '撤销时间' }, { list: 'phrase1', reason: 'thing2', time: 'time3' }),
}

export const templateEnv = (kind: MessageKind) => `SUBSCRIBE_TEMPLATE_${kind.toUpperCase()}`
export const fieldsEnv = (kind: MessageKind) => `SUBSCRIBE_FIELDS_${kind.toUpperCase()}`

/** A template key: its type (what WeChat accepts in it) and a number. */
const KEY = /^(thing|number|letter|symbol|character_string|time|date|amount|phone_number|car_number|name|phrase)(\d+)$/

/** Reads "item:thing1, result:phrase2" into { item: 'thing1', result: 'phrase2' }; a malformed mapping is refused in Chinese. */
export function parseFieldKeys(kind: MessageKind, text: string): Record<string, string> {
  const keys: Record<string, string> = {}
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [fact, key, ...rest] = pair.split(':').map((p) => p.trim())
    if (rest.length || !fact || !key) throw new Error(`${fieldsEnv(kind)} 的“${pair}”应写成 事实:模板字段，例如 item:thing1`)
    if (!Object.prototype.hasOwnProperty.call(MESSAGES[kind].facts, fact)) {
      throw new Error(`${fieldsEnv(kind)} 里的“${fact}”不是这条消息的内容，可用：${Object.keys(MESSAGES[kind].facts).join('、')}`)
    }
    if (!KEY.test(key)) throw new Error(`${fieldsEnv(kind)} 里的“${key}”不像订阅消息模板的字段（如 thing1、phrase2、time3）`)
    keys[fact] = key
  }
  if (Object.keys(keys).length === 0) throw new Error(`${fieldsEnv(kind)} 是空的`)
  return keys
}

const clip = (text: string, max: number) => {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * A value as the template key's type accepts it (WeChat refuses the whole message otherwise): thing ≤ 20 characters,
 * name ≤ 10, phrase ≤ 5 Chinese characters, time and date in Beijing time, number digits only.
 */
export function formatValue(key: string, value: string): string {
  const type = KEY.exec(key)?.[1] ?? 'thing'
  const text = value.trim() || '无'
  switch (type) {
    case 'thing':
      return clip(text, 20)
    case 'name':
      return [...text].slice(0, 10).join('')
    case 'phrase':
      return [...text.replace(/[^\u4e00-\u9fa5]/g, '')].slice(0, 5).join('') || '无'
    case 'time':
    case 'date': {
      const at = inZone(text)
      if (!at.isValid()) return clip(text, 20)
      return at.format(type === 'time' ? 'YYYY年M月D日 HH:mm' : 'YYYY年M月D日')
    }
    case 'number':
    case 'amount':
      return /-?\d+(\.\d+)?/.exec(text)?.[0] ?? '0'
    default:
      return [...text].slice(0, 32).join('')
  }
}

/** The `data` of a subscribe message: each mapped fact, formatted for its key (a fact not given reads 无). */
export function templateData(keys: Record<string, string>, facts: Record<string, string | undefined>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const [fact, key] of Object.entries(keys)) data[key] = { value: formatValue(key, facts[fact] ?? '') }
  return data
}
