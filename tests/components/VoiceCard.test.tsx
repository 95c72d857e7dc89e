import { fireEvent, render, screen } from '@testing-library/react'
import type { Voice } from '@core/voices'
import { VoiceCard, VoiceStatusChip } from '../../src/components/VoiceCard'
import { classes, textOf } from './support/dom'

/** A post as a member sees it in a list: a suggestion of 张*英's with 3 supports, unless `over` says otherwise. */
function voice(over: Partial<Voice> = {}): Voice {
  return {
    id: 'vc1',
    kind: 'suggestion',
    kindName: '居民说事',
    title: '建议院里多放几把长椅',
    text: '老人下楼走一圈没地方歇脚',
    place: '',
    status: 'open',
    statusName: '等回复',
    author: '张*英',
    courtyard: '1排3号院',
    mine: false,
    createdAt: '2026-03-02T01:30:00.000Z',
    updatedAt: '2026-03-02T01:30:00.000Z',
    supports: 3,
    supported: false,
    offerPoints: 0,
    takenByMe: false,
    overdue: false,
    closed: false,
    photoCount: 0,
    may: { reply: false, support: true, decide: [], take: false, fulfil: false, confirm: false, withdraw: false },
    ...over,
  }
}

describe('VoiceCard', () => {
  test('a suggestion: its title, status, who and where (masked), when, and how many supported it; a tap opens it', () => {
    const onTap = jest.fn()
    render(<VoiceCard voice={voice()} divided onTap={onTap} />)
    const card = screen.getByTestId('voice-card-vc1')
    expect(card.getAttribute('data-status')).toBe('open')
    expect(textOf(card, '.sz-voice-card__title')).toBe('建议院里多放几把长椅')
    const status = screen.getByTestId('voice-card-vc1-status')
    expect(status.textContent).toBe('等回复')
    expect(classes(status)).toContain('sz-chip--orange')
    const lines = Array.from(card.querySelectorAll('.sz-voice-card__line')).map((l) => l.textContent)
    expect(lines[0]).toBe('张*英 · 1排3号院')
    expect(lines[1]).toMatch(/3月2日 09:30$/)
    expect(screen.getByTestId('voice-card-vc1-count').textContent).toBe('3人附议')
    expect(screen.queryByTestId('voice-card-vc1-overdue')).toBeNull()
    expect(classes(card)).toContain('sz-voice-card--divided')
    fireEvent.click(card)
    expect(onTap).toHaveBeenCalledTimes(1)
  })

  test('a wish shows the points it offers (none when it offers none); the kind when asked', () => {
    render(
      <>
        <VoiceCard voice={voice({ id: 'w1', kind: 'wish', kindName: '微心愿', status: 'public', statusName: '等人认领', offerPoints: 5 })} showKind onTap={() => undefined} />
        <VoiceCard voice={voice({ id: 'w2', kind: 'wish', kindName: '微心愿', status: 'confirmed', statusName: '已圆梦' })} onTap={() => undefined} />
      </>,
    )
    expect(screen.getByTestId('voice-card-w1-count').textContent).toBe('+5积分')
    expect(Array.from(screen.getByTestId('voice-card-w1').querySelectorAll('.sz-chip')).map((c) => c.textContent)).toEqual(['等人认领', '微心愿'])
    expect(screen.queryByTestId('voice-card-w2-count')).toBeNull()
    expect(classes(screen.getByTestId('voice-card-w2-status'))).toContain('sz-chip--green')
    expect(classes(screen.getByTestId('voice-card-w1'))).not.toContain('sz-voice-card--divided')
  })

  test('a hazard waiting more than three days says so in red, and shows no count', () => {
    render(<VoiceCard voice={voice({ id: 'h1', kind: 'hazard', kindName: '随手拍', status: 'reported', statusName: '等网格员受理', overdue: true })} testId='voice-0' onTap={() => undefined} />)
    const overdue = screen.getByTestId('voice-0-overdue')
    expect(overdue.textContent).toBe('超过3天')
    expect(classes(overdue)).toContain('sz-chip--red')
    expect(screen.queryByTestId('voice-0-count')).toBeNull()
    expect(screen.getByTestId('voice-0-status').getAttribute('data-status')).toBe('reported')
  })

  test('the status chip alone, large, for the head of a post', () => {
    render(<VoiceStatusChip voice={{ status: 'rejected', statusName: '不是隐患' }} large />)
    const chip = screen.getByTestId('voice-status')
    expect(chip.textContent).toBe('不是隐患')
    expect(classes(chip)).toEqual(expect.arrayContaining(['sz-chip--red', 'sz-chip--large']))
  })
})
