import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setDevOpenid } from '../../src/api'
import { NotJoined, ROUTES } from '../../src/components'
import { classes } from './support/dom'
import { useHashRouter } from './support/router'

beforeAll(useHashRouter)
beforeEach(() => localStorage.clear())

describe('NotJoined', () => {
  test('h5 with no demo identity: 切换身份 comes first', () => {
    render(<NotJoined />)
    expect(screen.getByTestId('not-joined').textContent).toContain('现在没有选择演示身份')
    expect(classes(screen.getByTestId('switch-identity'))).toContain('nut-button-primary')
    expect(classes(screen.getByTestId('join-with-code'))).not.toContain('nut-button-primary')
  })

  test('someone the community does not know: join with a code', async () => {
    setDevOpenid('wx-new-1')
    render(<NotJoined testId='nj' />)
    expect(screen.getByTestId('nj').textContent).toContain('请向院长或社区工作人员要一个邀请码')
    expect(classes(screen.getByTestId('join-with-code'))).toContain('nut-button-primary')
    fireEvent.click(screen.getByTestId('join-with-code'))
    await waitFor(() => expect(window.location.hash).toBe(`#${ROUTES.join}`))
    fireEvent.click(screen.getByTestId('switch-identity'))
    await waitFor(() => expect(window.location.hash).toBe('#/pages/dev-login/index'))
  })
})
