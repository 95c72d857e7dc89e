import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { TabBar } from '../../src/components/TabBar'
import { isTabPage, pagePath, tabsFor } from '../../src/components/TabBar/tabs'
import { rememberViewer } from '../../src/components/TabBar/viewer'
import { ROUTES } from '../../src/components'
import { useHashRouter } from './support/router'

beforeAll(useHashRouter)
beforeEach(() => act(() => rememberViewer(null)))

const labels = () => screen.getAllByTestId(/^tab-(home|claim|shop|scan|me)$/).map((t) => t.textContent)

describe('TabBar', () => {
  test('tabs by role: a resident claims and exchanges, a clerk who lives elsewhere redeems, someone who is both sees both', () => {
    expect(tabsFor(null).map((t) => t.text)).toEqual(['首页', '申报', '兑换', '我的'])
    expect(tabsFor({ residentId: 'r1' }).map((t) => t.text)).toEqual(['首页', '申报', '兑换', '我的'])
    expect(tabsFor({ residentId: null, merchantId: 'm1' }).map((t) => t.text)).toEqual(['首页', '核销', '我的'])
    expect(tabsFor({ residentId: 'r1', merchantId: 'm1' }).map((t) => t.text)).toEqual(['首页', '申报', '兑换', '核销', '我的'])
    // Staff only: the 工作小组 who does not live here has nothing to claim (the form would only say so; their work is on
    // 首页) and reads the offers; a 网格员 from outside also claims for residents (代居民申报).
    expect(tabsFor({ residentId: null }).map((t) => t.text)).toEqual(['首页', '兑换', '我的'])
    expect(tabsFor({ residentId: null, reviewer: true }).map((t) => t.text)).toEqual(['首页', '申报', '兑换', '我的'])
    expect(pagePath('/pages/me/index?x=1')).toBe('pages/me/index')
    expect(isTabPage('/pages/shop/index')).toBe(true)
    expect(isTabPage('pages-shop/vouchers/index')).toBe(false)
  })

  test("the page's tab is marked; the bar follows who uses the app (首页 and 我的 tell it)", () => {
    render(<TabBar route='/pages/me/index' />)
    expect(labels()).toEqual(['首页', '申报', '兑换', '我的'])
    expect(screen.getByTestId('tab-me').getAttribute('data-active')).toBe('true')
    expect(screen.getByTestId('tab-home').getAttribute('data-active')).toBe('false')
    act(() => rememberViewer({ residentId: null, merchantId: 'm1' }))
    expect(labels()).toEqual(['首页', '核销', '我的'])
    expect(screen.queryByTestId('tab-claim')).toBeNull()
    expect(screen.queryByTestId('tab-shop')).toBeNull()
    // What user.me says of a 网格员 who does not live here: her roles make her a reviewer.
    act(() => rememberViewer({ residentId: null, roles: [{ role: 'grid' }] }))
    expect(labels()).toEqual(['首页', '申报', '兑换', '我的'])
    act(() => rememberViewer({ residentId: null, roles: [{ role: 'admin' }] }))
    expect(labels()).toEqual(['首页', '兑换', '我的'])
  })

  test('a tap on a tab opens its page; 核销 opens the scanner', async () => {
    act(() => rememberViewer({ residentId: null, merchantId: 'm1' }))
    render(<TabBar route='pages/index/index' />)
    fireEvent.click(screen.getByTestId('tab-scan'))
    await waitFor(() => expect(window.location.hash).toBe(`#${ROUTES.merchantScan}`))
  })
})
