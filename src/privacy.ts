/**
 * 用户隐私保护指引 before the first photo or scan.
 * - weapp: WeChat fires `onNeedPrivacyAuthorization` when a privacy API (chooseImage, chooseMedia, …) is first called,
 *   and holds that call until the app answers. The listener, registered once at launch (app.ts), hands the question to
 *   the PrivacySheet mounted where those APIs are used; its 同意 (open-type agreePrivacyAuthorization) and 不同意 answer it.
 * - h5 has no such event: `askPrivacy()` asks once with the same sheet before the first photo or scan, and the answer is
 *   remembered on this device (a 不同意 is asked again at the next tap on 添加照片).
 * The full guideline is docs/privacy.md; in weapp WeChat shows the one filled in on 公众平台 (`openPrivacyContract`).
 */
import Taro from '@tarojs/taro'
import { PRIVACY_STORAGE_KEY } from '@core/privacy'

export { PRIVACY_STORAGE_KEY }
/** The id of the 同意 button: WeChat checks that this very button was tapped before an `agree`. */
export const PRIVACY_AGREE_BUTTON_ID = 'sz-privacy-agree'

/** The guideline in a few lines, as a 70-year-old should read it first. */
export const PRIVACY_SUMMARY: readonly string[] = [
  '申报好人好事、提出异议时，会请您拍照或从相册选照片。照片只给审核的院长、网格员和社区工作人员看。',
  '商家扫码核销时会用摄像头读二维码，画面不保存、不上传。',
  '我们保存您的姓名、所在院落和家庭、申报的内容和积分记录。在公示栏和排行榜上，别人只看到隐去一个字的名字（如“张*英”）。',
  '您写的文字和照片会经过微信的内容安全检查。',
  '您可以在“我的 → 我的数据与隐私”查看、导出自己的数据，或申请注销。',
]

/** More of it, for h5 (which has no WeChat guideline page) and the 我的数据与隐私 page. */
export const PRIVACY_DETAILS: readonly { title: string; lines: readonly string[] }[] = [
  {
    title: '收集哪些信息',
    lines: [
      '加入社区时：微信给的账号标识、您填的姓名、邀请码对应的院落和家庭。',
      '社区工作人员登记的：出生年份（用于“70 岁以上”之类的兑换条件）、是否党员和工作单位（用于党员积分档案）。',
      '您申报时：事项、时间、地点（您写的文字，不读取手机定位）、说明和照片。',
      '积分记录、兑换券、异议，以及工作人员办理事项的操作日志。',
    ],
  },
  {
    title: '谁能看到',
    lines: [
      '您本人：您的全部信息。',
      '本院院长、本网格网格员：为审核，能看到您的申报和照片。',
      '社区工作小组：本社区的全部信息，用于管理和结算。',
      '商家店员：核销时只看到隐去一个字的名字和院落。',
      '其他居民：公示栏、排行榜、红黑榜上隐去一个字的名字（家庭排行显示户名）。',
    ],
  },
  {
    title: '保存多久',
    lines: [
      '申报、照片、兑换券、异议：一直保存，方便您和社区查看；注销时删除文字和照片。',
      '积分台账：永久保存、只增不改，每月公示的防篡改核对码覆盖每一条；注销后姓名改为“已注销居民”，记录本身保留。',
      '工作人员的操作日志：永久保存，作为履职记录。',
    ],
  },
  {
    title: '您的权利',
    lines: ['在“我的 → 我的数据与隐私”查看、导出（Excel）您的数据，或申请注销；其他问题请联系社区办公室。'],
  },
]

type Watcher = (asking: boolean) => void
const watchers = new Set<Watcher>()
/** The questions waiting for an answer (WeChat may hold more than one API call): one tap answers them all. */
let waiting: { agree: () => void; disagree: () => void }[] = []

function notify() {
  watchers.forEach((w) => w(waiting.length > 0))
}

/** A PrivacySheet's subscription: it shows itself while a question waits. */
export function watchPrivacy(watcher: Watcher): () => void {
  watchers.add(watcher)
  watcher(waiting.length > 0)
  return () => {
    watchers.delete(watcher)
  }
}

/** The sheet's 同意 / 不同意. */
export function answerPrivacy(agree: boolean): void {
  const answered = waiting
  waiting = []
  notify()
  for (const w of answered) (agree ? w.agree : w.disagree)()
}

/** Once, at launch (app.ts): in weapp, WeChat's question goes to the sheet. Elsewhere there is nothing to listen to. */
export function listenForPrivacyRequests(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    // No sheet on this page to ask with: refuse at once, rather than leave the camera or album waiting for ever.
    if (watchers.size === 0) return resolve({ event: 'disagree' })
    // Tell WeChat the sheet is on screen (its guideline expects it before agree / disagree).
    resolve({ event: 'exposureAuthorization' })
    waiting.push({ agree: () => resolve({ buttonId: PRIVACY_AGREE_BUTTON_ID, event: 'agree' }), disagree: () => resolve({ event: 'disagree' }) })
    notify()
  })
}

const h5 = process.env.TARO_ENV === 'h5'
const stored = (): string => (h5 ? String(Taro.getStorageSync(PRIVACY_STORAGE_KEY) || '') : '')

/** Whether a photo or scan may go ahead without asking: weapp always (WeChat asks itself); h5 once agreed. */
export const hasPrivacyConsent = (): boolean => !h5 || stored() === 'agree'
/** h5: the person said 不同意 last time (the scan page then waits for them to ask again). */
export const privacyDeclined = (): boolean => h5 && stored() === 'disagree'

/** h5: asks with the sheet unless already agreed, and remembers the answer. Answers whether to go ahead. */
export function askPrivacy(): Promise<boolean> {
  if (hasPrivacyConsent()) return Promise.resolve(true)
  // A page without a sheet cannot ask, so it does not go ahead.
  if (watchers.size === 0) return Promise.resolve(false)
  return new Promise((done) => {
    const answer = (agree: boolean) => () => {
      Taro.setStorageSync(PRIVACY_STORAGE_KEY, agree ? 'agree' : 'disagree')
      done(agree)
    }
    waiting.push({ agree: answer(true), disagree: answer(false) })
    notify()
  })
}

/** 查看完整的隐私保护指引: WeChat's own page in weapp (answers true); elsewhere the caller shows PRIVACY_DETAILS. */
export function openPrivacyGuide(): boolean {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.openPrivacyContract !== 'function') return false
  Taro.openPrivacyContract({ fail: () => void Taro.showToast({ title: '指引没有打开，请稍后再试', icon: 'none' }) })
  return true
}
