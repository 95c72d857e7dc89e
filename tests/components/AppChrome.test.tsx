import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AppChrome } from '../../src/components/AppChrome'
import { useHashRouter } from './support/router'

beforeAll(useHashRouter)
afterEach(() => jest.restoreAllMocks())

/** The router's page stack, as Taro.getCurrentPages answers it. */
const stack = (...routes: string[]) => jest.spyOn(Taro, 'getCurrentPages').mockReturnValue(routes.map((route) => ({ route, path: route }) as never))

describe('AppChrome', () => {
  test('before the router has a page, it draws nothing', () => {
    const { container } = render(<AppChrome />)
    expect(container.querySelector('[data-testid="nav-bar"]')).toBeNull()
    expect(container.querySelector('[data-testid="tab-bar"]')).toBeNull()
  })

  test('a tab page gets the tab bar; a page over it the NavBar with 返回; after a change of page it follows', async () => {
    stack('/pages/me/index')
    render(<AppChrome />)
    expect(screen.getByTestId('tab-me').getAttribute('data-active')).toBe('true')
    expect(screen.queryByTestId('nav-bar')).toBeNull()
    stack('/pages/me/index', '/pages-shop/vouchers/index')
    await act(async () => {
      Taro.eventCenter.trigger('__afterTaroRouterChange', { toLocation: { path: '/pages-shop/vouchers/index' } })
      await new Promise((r) => setTimeout(r, 10))
    })
    expect(screen.getByTestId('nav-back')).toBeTruthy()
    expect(screen.queryByTestId('tab-bar')).toBeNull()
  })

  test('a page opened by a link (alone in the stack) gets 回首页', () => {
    stack('/pages-shop/vouchers/index')
    render(<AppChrome />)
    expect(screen.getByTestId('nav-home').textContent).toBe('回首页')
  })
})
