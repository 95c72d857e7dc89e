/**
 * What the 说事 pages say about each kind, in one place: the tab, the big button, the form's labels, what happens after
 * posting; and who among staff has a 待我办理 of a kind (the voices function's queue: hazards go to the place's grid
 * worker, wishes are checked by the office, suggestions are answered by any staff over the place).
 */
import type { Role } from '@core/user'
import { VOICE_KIND_NAMES, type VoiceKind } from '@core/voices'

export interface KindWords {
  /** The tab: 居民说事, 微心愿, 随手拍. */
  tab: string
  /** The big button to the form. */
  button: string
  /** One line under it: what the kind is for. */
  intro: string
  /** The form's title field, and an example. */
  titleLabel: string
  titlePlaceholder: string
  textLabel: string
  textPlaceholder: string
  placePlaceholder: string
  /** The form's button. */
  submit: string
  /** What happens once it is posted, under the button. */
  after: string
  /** The list of one's own posts: 我说的, 我的心愿, 我拍的. */
  mine: string
}

export const KIND_WORDS: Record<VoiceKind, KindWords> = {
  suggestion: {
    tab: VOICE_KIND_NAMES.suggestion,
    button: '我要说事',
    intro: '对社区有什么想法、建议，说出来。大家可以附议，社区会回复。',
    titleLabel: '说什么事',
    titlePlaceholder: '例如：建议院里多放几把长椅',
    textLabel: '详细说说',
    textPlaceholder: '例如：老人下楼走一圈没地方歇脚，建议在院子东边放两把长椅',
    placePlaceholder: '例如：3号院东边空地',
    submit: '提交',
    after: '提交后公开，大家可以附议，社区会回复。',
    mine: '我说的',
  },
  wish: {
    tab: VOICE_KIND_NAMES.wish,
    button: '我要许愿',
    intro: '有困难需要人帮一把？许个心愿，热心的邻居可以认领，帮您完成。',
    titleLabel: '心愿是什么',
    titlePlaceholder: '例如：想请人帮忙修收音机',
    textLabel: '说说您的情况',
    textPlaceholder: '例如：家里的收音机不响了，自己不会修，想请懂的邻居帮忙看看',
    placePlaceholder: '例如：3号院2单元',
    submit: '许下心愿',
    after: '先由社区审核，通过后公开（只显示您的姓氏）。',
    mine: '我的心愿',
  },
  hazard: {
    tab: VOICE_KIND_NAMES.hazard,
    button: '随手拍隐患',
    intro: '看到楼道堆物、电线乱拉、井盖破损等安全隐患，拍下来告诉网格员。',
    titleLabel: '是什么隐患',
    titlePlaceholder: '例如：楼道里堆了纸箱',
    textLabel: '说说情况',
    textPlaceholder: '例如：2单元一楼楼道堆满纸箱，挡住了路，也怕着火',
    placePlaceholder: '例如：3号院2单元一楼楼道',
    submit: '报告隐患',
    after: '发给本网格网格员，处理后通知您。',
    mine: '我拍的',
  },
}

/** Whether roles give a 待我办理 of `kind`: hazards for grid workers and the admin, wishes for the admin, suggestions for all staff. */
export function hasQueue(roles: readonly { role: Role }[], kind: VoiceKind): boolean {
  const held = (r: Role) => roles.some((x) => x.role === r)
  if (kind === 'hazard') return held('grid') || held('admin')
  if (kind === 'wish') return held('admin')
  return held('admin') || held('grid') || held('head')
}

/** The statuses that wait for staff in a 待我办理, each listed on its own (the function filters by one status). */
export const QUEUE_STATUSES: Record<VoiceKind, readonly string[]> = {
  suggestion: ['open', 'answered'],
  wish: ['pending'],
  hazard: ['reported', 'accepted'],
}
