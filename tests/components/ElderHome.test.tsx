import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ROUTES, rememberElder, useElder, elderClass } from '../../src/components'
import { ElderBalance, ElderButtons, balanceSentence } from '../../src/pages/index/ElderHome'
import { balance } from './support/fixtures'
import { useHashRouter } from './support/router'

beforeAll(useHashRouter)

const said: string[] = []
beforeEach(() => {
  said.length = 0
  Object.assign(window, {
    speechSynthesis: { speak: (u: { text: string }) => void said.push(u.text), cancel: () => undefined, getVoices: () => [] },
    SpeechSynthesisUtterance: class {
      lang = ''
      rate = 1
      onend = null
      onerror = null
      constructor(public text: string) {}
    },
  })
})

describe('首页 in 长辈模式', () => {
  test('the balance as a sentence, its number large, and 读给我听 reads that sentence', () => {
    render(<ElderBalance balance={balance({ available: 12, pending: 0 })} />)
    expect(screen.getByTestId('elder-balance-sentence').textContent).toBe('您现在有 12 分可以用')
    expect(screen.queryByTestId('elder-balance-pending')).toBeNull()
    fireEvent.click(screen.getByTestId('elder-read-balance'))
    expect(said).toEqual(['您现在有 12 分可以用。'])
  })

  test('points waiting for the publicity are said too, in the same words', () => {
    expect(balanceSentence(balance({ available: 12.5, pending: 3 }))).toBe('您现在有 12.5 分可以用，还有 3 分公示后可以用。')
    render(<ElderBalance balance={balance({ available: 12.5, pending: 3 })} />)
    expect(screen.getByTestId('elder-balance-pending').textContent).toBe('还有 3 分公示后可以用')
  })

  test('three very large buttons, one under another: 我要申报 (the tab), 我的积分, 去兑换 (the tab)', async () => {
    render(<ElderButtons />)
    const buttons = screen.getAllByTestId(/^elder-(claim|points|shop)$/)
    expect(buttons.map((b) => b.textContent)).toEqual(['我要申报', '我的积分', '去兑换'])
    for (const b of buttons) expect(b.className).toContain('sz-button--huge')
    fireEvent.click(screen.getByTestId('elder-points'))
    await waitFor(() => expect(window.location.hash).toBe(`#${ROUTES.points}`))
  })
})

describe('the 长辈模式 flag', () => {
  function Probe() {
    const on = useElder()
    return <div data-testid='probe' className={`sz-page ${elderClass(on)}`} />
  }

  test('every page hears it at once, h5 puts its class on <html>, and it is kept for the next launch', () => {
    act(() => rememberElder(false))
    render(<Probe />)
    expect(screen.getByTestId('probe').className).not.toContain('sz-elder')
    act(() => rememberElder(true))
    expect(screen.getByTestId('probe').className).toContain('sz-elder')
    expect(document.documentElement.classList.contains('sz-elder')).toBe(true)
    expect(window.localStorage.getItem('sz-elder')).toContain('true')
    act(() => rememberElder(false))
    expect(document.documentElement.classList.contains('sz-elder')).toBe(false)
    expect(window.localStorage.getItem('sz-elder')).toBeNull()
  })
})
