import Taro from '@tarojs/taro'
import type { Me } from '@core/user'
import homeIcon from '../../assets/tabbar/home.png'
import homeActiveIcon from '../../assets/tabbar/home-active.png'
import claimIcon from '../../assets/tabbar/claim.png'
import claimActiveIcon from '../../assets/tabbar/claim-active.png'
import shopIcon from '../../assets/tabbar/shop.png'
import shopActiveIcon from '../../assets/tabbar/shop-active.png'
import meIcon from '../../assets/tabbar/me.png'
import meActiveIcon from '../../assets/tabbar/me-active.png'

export type TabKey = 'home' | 'claim' | 'shop' | 'scan' | 'me'

export interface TabItem {
  key: TabKey
  text: string
  /** The page it opens, without the leading slash (as app.config.ts's tabBar names it). */
  path: string
  /** A tab page (switchTab); otherwise a page opened over the current one (核销: the scanner, with 返回). */
  tab: boolean
  icon: string
  selectedIcon: string
}

/** The four tab pages of app.config.ts, in its order. */
export const TAB_PAGES = ['pages/index/index', 'pages/claim/index', 'pages/shop/index', 'pages/me/index'] as const

const ITEMS: Record<TabKey, TabItem> = {
  home: { key: 'home', text: '首页', path: 'pages/index/index', tab: true, icon: homeIcon, selectedIcon: homeActiveIcon },
  claim: { key: 'claim', text: '申报', path: 'pages/claim/index', tab: true, icon: claimIcon, selectedIcon: claimActiveIcon },
  shop: { key: 'shop', text: '兑换', path: 'pages/shop/index', tab: true, icon: shopIcon, selectedIcon: shopActiveIcon },
  scan: { key: 'scan', text: '核销', path: 'pages-merchant/scan/index', tab: false, icon: shopIcon, selectedIcon: shopActiveIcon },
  me: { key: 'me', text: '我的', path: 'pages/me/index', tab: true, icon: meIcon, selectedIcon: meActiveIcon },
}

/** Who the tab bar is for: what `user.me` said of the caller (null: not known yet, or not joined); `reviewer`: a 院长 or 网格员. */
export type Viewer = Pick<Me, 'residentId' | 'merchantId'> & { reviewer?: boolean }

/**
 * The tabs a person sees. A resident claims and exchanges (申报, 兑换); a shop clerk redeems (核销); someone who is both
 * sees both. A clerk who does not live here has nothing to claim or exchange, so sees 首页 / 核销 / 我的. A member who
 * is staff only has nothing to claim for themselves: the 工作小组 sees 首页 (where the work is) / 兑换 (the offers, to
 * read; the page says only residents exchange) / 我的, a 院长 or 网格员 from outside also 申报 (to claim for a resident,
 * 代居民申报). Someone not known yet (not joined) sees the resident's tabs, whose pages say how to join.
 */
export function tabsFor(viewer: Viewer | null): TabItem[] {
  const resident = !!viewer?.residentId
  const clerk = !!viewer?.merchantId
  const staffOnly = !!viewer && !resident && !clerk
  const keys: TabKey[] = staffOnly ? (viewer.reviewer ? ['home', 'claim', 'shop', 'me'] : ['home', 'shop', 'me']) : clerk && !resident ? ['home', 'scan', 'me'] : clerk ? ['home', 'claim', 'shop', 'scan', 'me'] : ['home', 'claim', 'shop', 'me']
  return keys.map((k) => ITEMS[k])
}

/** A page path as the router names it ('/pages/me/index?x=1') in app.config.ts's words ('pages/me/index'). */
export function pagePath(route: string): string {
  return route.replace(/^\/+/, '').replace(/\?.*$/, '')
}

export function isTabPage(route: string): boolean {
  return (TAB_PAGES as readonly string[]).includes(pagePath(route))
}

/** Opens a tab: a tab page by switchTab, 核销 over the current page. */
export function openTabItem(item: TabItem): void {
  if (item.tab) void Taro.switchTab({ url: `/${item.path}` })
  else void Taro.navigateTo({ url: `/${item.path}` })
}
