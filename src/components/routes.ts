import Taro from '@tarojs/taro'
import type { VoiceKind } from '@core/voices'

/** `?a=1&b=2` of the parameters given, or nothing. */
const query = (params: Record<string, string | undefined>) => {
  const given = Object.entries(params).filter((p): p is [string, string] => p[1] !== undefined)
  return given.length ? `?${given.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''
}

/** Where each page lives (app.config.ts), and the one way pages open each other. */
export const ROUTES = {
  home: '/pages/index/index',
  claimTab: '/pages/claim/index',
  claimDetail: (id: string, submitted = false) => `/pages/claim-detail/index?id=${encodeURIComponent(id)}${submitted ? '&new=1' : ''}`,
  claimForm: (ruleId: string, onBehalfOf?: { id: string; name: string }) =>
    `/pages-resident/claim-form/index?ruleId=${encodeURIComponent(ruleId)}${
      onBehalfOf ? `&onBehalfOf=${encodeURIComponent(onBehalfOf.id)}&forName=${encodeURIComponent(onBehalfOf.name)}` : ''
    }`,
  myClaims: '/pages-resident/my-claims/index',
  points: '/pages-resident/points/index',
  leaderboard: '/pages-resident/leaderboard/index',
  myData: '/pages-resident/my-data/index',
  reviewQueue: '/pages-review/queue/index',
  proxyClaim: '/pages-review/proxy/index',
  /** 查询居民积分 (admin, head, grid worker): the residents in reach, or one resident with `id`. */
  residentLookup: (id?: string) => `/pages-review/resident/index${id ? `?id=${encodeURIComponent(id)}` : ''}`,
  adminInspections: '/pages-admin/inspections/index',
  /** 扣分复核 (grid worker, admin): deductions waiting for a second person, and those handled. */
  deductions: '/pages-review/deductions/index',
  /** 打印积分卡 (admin, 院长): the A4 sheet of a courtyard's cards, or of one resident's. */
  cardsPrint: (of: { courtyardId?: string; residentId?: string } = {}) => `/pages-review/cards-print/index${query(of)}`,
  invite: '/pages-review/invite/index',
  join: '/pages-join/index',
  admin: '/pages-admin/index',
  adminOrg: '/pages-admin/org/index',
  adminRules: '/pages-admin/rules/index',
  shopTab: '/pages/shop/index',
  offer: (id: string) => `/pages-shop/offer/index?id=${encodeURIComponent(id)}`,
  myVouchers: '/pages-shop/vouchers/index',
  voucher: (id: string) => `/pages-shop/voucher/index?id=${encodeURIComponent(id)}`,
  merchantScan: '/pages-merchant/scan/index',
  merchantHistory: '/pages-merchant/history/index',
  merchantOffers: '/pages-merchant/offers/index',
  /** 刷卡兑换 at the counter (clerk, admin): the card read on 扫码核销 is handed over in memory (Scanner/held), never in the address. */
  cardExchange: '/pages-merchant/card/index',
  offerEdit: (id?: string) => `/pages-merchant/offer-edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}`,
  adminOffers: '/pages-admin/offers/index',
  adminMerchants: '/pages-admin/merchants/index',
  adminSettlement: '/pages-admin/settlement/index',
  publicity: (month?: string) => `/pages-governance/publicity/index${month ? `?month=${month}` : ''}`,
  publicityPrint: (month: string) => `/pages-governance/print/index?month=${month}`,
  objectionForm: (entryId: string, month: string) => `/pages-governance/objection/index?entryId=${encodeURIComponent(entryId)}&month=${month}`,
  /** 提出异议 against a listing of the 红黑榜 itself (one in force: from the lists or the suspension notice). */
  listingObjection: (listingId: string) => `/pages-governance/objection/index?listingId=${encodeURIComponent(listingId)}`,
  myObjections: '/pages-governance/my-objections/index',
  lists: '/pages-governance/lists/index',
  propose: '/pages-governance/propose/index',
  inspect: '/pages-governance/inspect/index',
  adminMonths: '/pages-admin/months/index',
  adminObjections: '/pages-admin/objections/index',
  adminLists: '/pages-admin/lists/index',
  adminSettings: '/pages-admin/settings/index',
  adminAudit: '/pages-admin/audit/index',
  adminDashboard: '/pages-admin/dashboard/index',
  adminParty: '/pages-admin/party/index',
  /** 学习: the lessons, and one lesson with its quiz; the admin's 学习课程. */
  lessons: '/pages-resident/lessons/index',
  lesson: (id: string) => `/pages-resident/lesson/index?id=${encodeURIComponent(id)}`,
  adminLessons: '/pages-admin/lessons/index',
  /** 活动 (organiser): 发布 (no id) or 修改; 我组织的活动 (no id) or one activity's 签到管理; the full-screen check-in QR. */
  activityEdit: (id?: string) => `/pages-activity/edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}`,
  activityManage: (id?: string) => `/pages-activity/manage/index${id ? `?id=${encodeURIComponent(id)}` : ''}`,
  activityQr: (id: string) => `/pages-activity/qr/index?id=${encodeURIComponent(id)}`,
  /** 活动 (residents): the list, one activity (报名, 签到), the volunteer teams. */
  activities: '/pages-activity/list/index',
  activity: (id: string) => `/pages-activity/detail/index?id=${encodeURIComponent(id)}`,
  teams: '/pages-activity/teams/index',
  /**
   * 说事: the three kinds as tabs (`kind` opens one, `view` one of its lists: 大家的, 我的, 我认领的, staff's 待我办理);
   * the form of a kind; one post (where its notifications land); the admin's 说事统计.
   */
  voices: (kind?: VoiceKind, view?: VoiceView) => `/pages-voices/index/index${query({ kind, view })}`,
  voicePost: (kind: VoiceKind) => `/pages-voices/post/index${query({ kind })}`,
  voice: (id: string) => `/pages-voices/detail/index${query({ id })}`,
  voiceSummary: '/pages-voices/summary/index',
} as const

/** Which posts of a kind the 说事 page lists: everyone's, mine, the wishes I took, or what waits for me as staff. */
export type VoiceView = 'all' | 'mine' | 'taken' | 'queue'

export const open = (url: string) => void Taro.navigateTo({ url })
export const openTab = (url: string) => void Taro.switchTab({ url })
