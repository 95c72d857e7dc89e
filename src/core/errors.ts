/**
 * One error vocabulary (AREA.REASON) from the domain core to the envelope to the toast a person reads.
 * Every code has its Chinese message here; nothing else in the code base invents messages for codes.
 */
export const ERROR_MESSAGES = {
  'AUTH.UNAUTHENTICATED': '请先登录或加入社区',
  'AUTH.FORBIDDEN': '您没有权限做这件事',
  'INPUT.INVALID': '填写的内容有误，请检查后再试',
  NOT_FOUND: '没有找到相关内容',
  'CLAIM.INVALID_TRANSITION': '这条申报当前的状态不能进行此操作',
  'CLAIM.CAP_REACHED': '本月这一项的积分已达上限',
  'CLAIM.EVIDENCE_REQUIRED': '这一项需要上传照片作为证明',
  'CLAIM.EVIDENCE_INVALID': '照片有问题，请重新拍一张再传',
  'CLAIM.SAME_REVIEWER': '初审和审核须由两个不同的人办理',
  'POINTS.INSUFFICIENT': '可用积分不足',
  'POINTS.REVERSE_VOUCHER': '兑换券的积分不能单独冲正，请在“兑换券”里退回这张券（同时退分、还库存）',
  'ACCOUNT.SUSPENDED': '您的积分兑换已被暂停',
  'SHOP.OUT_OF_STOCK': '这件商品已经兑完了',
  'SHOP.LIMIT_REACHED': '您已达到这件商品的兑换次数上限',
  'VOUCHER.ALREADY_REDEEMED': '这张券已经核销过了',
  'VOUCHER.CODE_EXPIRED': '二维码已过期，请让居民刷新后再扫',
  'VOUCHER.WRONG_MERCHANT': '这张券不是本店的，不能在这里核销',
  'VOUCHER.NOT_REDEEMABLE': '这张券当前不能核销',
  'VOUCHER.CODE_INVALID': '券码不对，请让居民打开最新的二维码再扫',
  'SHOP.NOT_ELIGIBLE': '这件商品有兑换条件，您暂时不能兑换',
  'SHOP.OFFER_UNAVAILABLE': '这件商品现在不能兑换（未上架、已下架或不在兑换期内）',
  'GOVERNANCE.WINDOW_CLOSED': '公示期已结束，不能再提出异议',
  'INVITE.INVALID': '邀请码不对或已失效，请向院长或社区要一个新的',
  'USER.ALREADY_JOINED': '您已经加入了另一个社区',
  'UPLOAD.TOO_LARGE': '照片太大了，请换一张小于 10MB 的照片',
  'UPLOAD.FORBIDDEN_PATH': '只能上传到自己的证明照片文件夹',
  'UPLOAD.EXISTS': '这个文件已经传过了，不能覆盖，请重新选择照片上传',
  'UPLOAD.NOT_IMAGE': '只能上传照片（JPG、PNG、WebP 或 HEIC），这个文件不是照片',
  'UPLOAD.QUOTA': '今天上传的照片已经够多了，请明天再传',
  'SETUP.COMMUNITY_EXISTS': '已经有同名的社区了，没有重复创建',
  'CONTENT.RISKY': '填写的内容里有不适合发布的字词，请修改后再提交',
  'ACTIVITY.FULL': '这个活动的名额已经满了',
  'ACTIVITY.CLOSED': '这个活动现在不能报名或签到（已截止、未开始签到或已结束）',
  'ACTIVITY.CODE_EXPIRED': '签到码已过期，请扫现场最新的二维码',
  'CARD.INVALID': '这不是本社区有效的积分卡',
  'CARD.REVOKED': '这张积分卡已经作废，请用新卡',
  'CARD.PIN_WRONG': '密码不对',
  'CARD.LOCKED': '密码错的次数太多，这张卡暂时锁住了',
  'VOICE.INVALID_TRANSITION': '这条说事现在的状态不能这样办理',
  'VOICE.ALREADY_TAKEN': '这个心愿已经有人认领了',
  'NETWORK.FAILED': '网络不太好，请稍后再试',
  'SYSTEM.BUSY': '现在办理的人太多，请等几秒再试',
  INTERNAL: '系统出了点问题，请稍后再试',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

/** A refusal the domain knows about. Thrown anywhere in the core or a handler; the envelope turns it into `{ ok: false }`. */
export class DomainError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_MESSAGES[code])
    this.name = 'DomainError'
    this.code = code
    this.details = details
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value)
}

/** The message for a code; an unknown code (a newer server, say) still reads as Chinese. */
export function messageFor(code: string): string {
  return isErrorCode(code) ? ERROR_MESSAGES[code] : ERROR_MESSAGES.INTERNAL
}

export type Envelope<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; details?: unknown }
