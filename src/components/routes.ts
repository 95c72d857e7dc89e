import Taro from '@tarojs/taro'

/** Where each resident page lives (app.config.ts), and the one way pages open each other. */
export const ROUTES = {
  home: '/pages/index/index',
  claimTab: '/pages/claim/index',
  claimDetail: (id: string, submitted = false) => `/pages/claim-detail/index?id=${encodeURIComponent(id)}${submitted ? '&new=1' : ''}`,
  claimForm: (ruleId: string) => `/pages-resident/claim-form/index?ruleId=${encodeURIComponent(ruleId)}`,
  myClaims: '/pages-resident/my-claims/index',
  points: '/pages-resident/points/index',
  leaderboard: '/pages-resident/leaderboard/index',
} as const

export const open = (url: string) => void Taro.navigateTo({ url })
export const openTab = (url: string) => void Taro.switchTab({ url })
