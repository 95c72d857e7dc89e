import { render, screen } from '@testing-library/react'
import { Text } from '@tarojs/components'
import { Timeline } from '../../src/components'
import { classes } from './support/dom'

describe('Timeline', () => {
  const steps = [
    { key: 'a', testId: 'step-0', title: '提交申报', meta: '张秀英 · 11月1日 09:00' },
    { key: 'b', testId: 'step-1', title: '退回补充', tone: 'return', meta: '院长王建国 · 11月1日 10:00', children: <Text data-testid='why'>原因：照片看不清</Text> },
  ]

  test('each step in order with its tone, who and when, and what comes under it; a line joins each to the next', () => {
    render(<Timeline steps={steps} testId='tl' />)
    expect(screen.getByTestId('step-0').textContent).toBe('提交申报张秀英 · 11月1日 09:00')
    expect(screen.getByTestId('why').textContent).toBe('原因：照片看不清')
    expect(classes(screen.getByTestId('step-1').querySelector('.sz-timeline__dot')!)).toContain('sz-timeline__dot--return')
    expect(screen.getByTestId('step-0').querySelector('.sz-timeline__line')).not.toBeNull()
    // The last step of a finished record: no line below it, nothing waited for.
    expect(screen.getByTestId('step-1').querySelector('.sz-timeline__line')).toBeNull()
  })

  test('while it waits: a hollow last dot saying for what, joined to the last step', () => {
    render(<Timeline steps={steps} waiting={{ title: '等院长先看', testId: 'now' }} />)
    expect(screen.getByTestId('now').textContent).toBe('等院长先看')
    expect(classes(screen.getByTestId('now').querySelector('.sz-timeline__dot')!)).toContain('sz-timeline__dot--waiting')
    expect(screen.getByTestId('step-1').querySelector('.sz-timeline__line')).not.toBeNull()
  })
})
