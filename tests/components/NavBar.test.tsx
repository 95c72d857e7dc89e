import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { NavBar } from '../../src/components/NavBar'
import { ROUTES } from '../../src/components'
import { useHashRouter } from './support/router'

beforeAll(useHashRouter)
afterEach(() => jest.restoreAllMocks())

describe('NavBar', () => {
  test('with a page under it: 返回 goes back, 首页 is one tap away', () => {
    const back = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
    const home = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    render(<NavBar depth={2} title='我的兑换券' />)
    expect(screen.getByTestId('nav-title').textContent).toBe('我的兑换券')
    expect(screen.getByTestId('nav-back').textContent).toContain('返回')
    expect(screen.queryByTestId('nav-home')).toBeNull()
    fireEvent.click(screen.getByTestId('nav-back'))
    expect(back).toHaveBeenCalledTimes(1)
    fireEvent.click(screen.getByTestId('nav-home-tab'))
    expect(home).toHaveBeenCalledWith({ url: ROUTES.home })
  })

  test('opened by a link (nothing under it): 回首页 instead of 返回', async () => {
    render(<NavBar depth={1} />)
    expect(screen.queryByTestId('nav-back')).toBeNull()
    expect(screen.queryByTestId('nav-home-tab')).toBeNull()
    expect(screen.getByTestId('nav-home').textContent).toBe('回首页')
    fireEvent.click(screen.getByTestId('nav-home'))
    await waitFor(() => expect(window.location.hash).toBe(`#${ROUTES.home}`))
  })
})
