/**
 * What each button of a post does, in words: its label, the sheet it opens (what it will do, whether it takes a note,
 * photos or stars) and the toast once done. One table, read by the page and its sheet.
 */
import { formatPoints } from '@core/points'
import type { Voice, VoiceDecision, VoiceKind } from '@core/voices'

export type Act =
  | { kind: 'decide'; decision: VoiceDecision }
  | { kind: 'reply' }
  | { kind: 'take' }
  | { kind: 'fulfil' }
  | { kind: 'confirm' }
  | { kind: 'withdraw' }

export interface ActWords {
  /** The button on the page. */
  button: string
  title: string
  /** What it will do, in a sentence or two. */
  intro: string
  confirmText: string
  /** The toast once done (the decisions'; the other acts say theirs in doneText). */
  done?: string
  danger?: boolean
  /** The note: its label, and whether it must be written (two characters at least). None: no note. */
  note?: { label: string; required: boolean; placeholder: string }
  /** Photos: required (the "after" photo, a fulfilled wish), optional (a reply), none. */
  photos?: 'required' | 'optional'
  /** A wish's rating, 1 to 5 stars. */
  stars?: boolean
}

const optionalNote = (placeholder: string) => ({ label: '说明', required: false, placeholder })
const reason = (placeholder: string) => ({ label: '原因', required: true, placeholder })

const DECISIONS: Record<VoiceKind, Partial<Record<VoiceDecision, ActWords>>> = {
  suggestion: {
    adopt: {
      button: '采纳',
      title: '采纳这条建议',
      intro: '采纳后告诉提建议的人，并按积分细则给他加分（只加一次）。',
      confirmText: '确定采纳',
      done: '已采纳',
      note: optionalNote('可以不写。例如：下个月在院子东边放两把长椅'),
    },
    close: {
      button: '办结',
      title: '办结这条建议',
      intro: '办结后不能再附议。请写明怎么办的，大家都能看到。',
      confirmText: '确定办结',
      done: '已办结',
      note: reason('请写明怎么办的（至少 2 个字）'),
    },
  },
  wish: {
    publish: {
      button: '审核通过，公开',
      title: '公开这个心愿',
      intro: '公开后大家都能看到（只显示许愿人的姓氏），热心的邻居可以认领。',
      confirmText: '公开',
      done: '已公开',
      note: optionalNote('可以不写'),
    },
    reject: {
      button: '不通过',
      title: '不通过',
      intro: '心愿不公开。拿出的积分退回给许愿的人。原因会告诉他。',
      confirmText: '确定不通过',
      done: '已退回，不公开',
      danger: true,
      note: reason('请写明为什么不通过（至少 2 个字）'),
    },
  },
  hazard: {
    accept: {
      button: '受理',
      title: '受理这个隐患',
      intro: '受理后告诉报告的人，并按积分细则给他加分（只加一次）。处理好以后，再点“处理完毕”拍照。',
      confirmText: '确定受理',
      done: '已受理',
      note: optionalNote('可以不写。例如：明天上午去处理'),
    },
    resolve: {
      button: '处理完毕（拍照）',
      title: '处理完毕',
      intro: '请拍一张处理后的照片。报告的人会看到，再确认是不是解决了。',
      confirmText: '处理完毕',
      done: '已处理完毕，等居民确认',
      note: optionalNote('可以不写。例如：纸箱已经清走'),
      photos: 'required',
    },
    reject: {
      button: '不是隐患',
      title: '不是隐患',
      intro: '请写明原因，报告的人会看到。',
      confirmText: '确定不是隐患',
      done: '已告诉报告的人：不是隐患',
      danger: true,
      note: reason('请写明原因（至少 2 个字）'),
    },
  },
}

/** The words of `act` on post `v`. */
export function wordsOf(act: Act, v: Voice): ActWords {
  switch (act.kind) {
    case 'decide':
      return DECISIONS[v.kind][act.decision] ?? { button: act.decision, title: act.decision, intro: '', confirmText: '确定' }
    case 'reply':
      return {
        button: '回复',
        title: '回复',
        intro: v.kind === 'suggestion' ? '回复公开显示，大家都能看到；说事的人会收到通知。' : '说事的人会收到通知。',
        confirmText: '发出回复',
        note: { label: '回复内容', required: true, placeholder: '请写几句回复（至少 2 个字）' },
        photos: 'optional',
      }
    case 'take':
      return {
        button: '我来认领',
        title: '认领这个心愿',
        intro: `认领后请尽快帮忙完成，完成后在这里拍照说一声。许愿的人确认后，您会得到积分${v.offerPoints > 0 ? `，还有许愿人拿出的 ${formatPoints(v.offerPoints)} 分` : ''}。`,
        confirmText: '我来认领',
      }
    case 'fulfil':
      return {
        button: '心愿完成了（拍照）',
        title: '心愿完成了',
        intro: '请拍一张照片。许愿的人确认后，积分发给您。',
        confirmText: '完成了',
        note: optionalNote('可以不写。例如：收音机已经修好送回去了'),
        photos: 'required',
      }
    case 'confirm':
      return v.kind === 'wish'
        ? {
            button: '确认完成',
            title: '确认心愿完成',
            intro: `请给认领的人打个分。确认后社区按积分细则给他加分${v.offerPoints > 0 ? `，您拿出的 ${formatPoints(v.offerPoints)} 分也给他` : ''}。`,
            confirmText: '确认完成',
            note: optionalNote('可以不写。例如：谢谢邻居帮忙'),
            stars: true,
          }
        : {
            button: '确认已解决',
            title: '确认隐患已解决',
            intro: '看过处理后的照片，确认问题解决了。',
            confirmText: '确认已解决',
            note: optionalNote('可以不写'),
          }
    case 'withdraw':
      return {
        button: '撤回心愿',
        title: '撤回这个心愿',
        intro: `撤回后心愿不再公开。${v.offerPoints > 0 ? '拿出的积分退回给许愿的人。' : ''}${v.taker ? '认领的人会收到通知。' : ''}`,
        confirmText: '确定撤回',
        danger: true,
        note: optionalNote('可以不写'),
      }
  }
}

/** The toast once done: what happened, and the points credited where there were. */
export function doneText(act: Act, v: Voice): string {
  const credited = v.credited ? `，已加 ${formatPoints(v.credited)} 分` : ''
  switch (act.kind) {
    case 'decide':
      return `${DECISIONS[v.kind][act.decision]?.done ?? '已办理'}${act.decision === 'adopt' || act.decision === 'accept' ? credited : ''}`
    case 'reply':
      return '已回复'
    case 'take':
      return '已认领，谢谢您'
    case 'fulfil':
      return '已告诉许愿的人，等他确认'
    case 'confirm':
      return `已确认${credited}`
    case 'withdraw':
      return '已撤回'
  }
}

/** Who got the credit, as the page says it: 已给认领人加 5 分, or 您得了 5 分 to the one who got it. */
export function creditText(v: Voice): string | null {
  if (!v.credited) return null
  const points = formatPoints(v.credited)
  if (v.kind === 'wish') return v.takenByMe ? `您帮人圆梦，得了 ${points} 分` : `已给认领人加 ${points} 分`
  const who = v.kind === 'suggestion' ? '提建议的人' : '报告的人'
  return v.mine ? `您得了 ${points} 分` : `已给${who}加 ${points} 分`
}
