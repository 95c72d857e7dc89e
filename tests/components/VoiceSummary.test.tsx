import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { HAZARD_STATUS_NAMES, SUGGESTION_STATUS_NAMES, VOICE_KIND_NAMES, type VoiceKind, type VoiceStatus, type VoiceSummaryRow, WISH_STATUS_NAMES } from '@core/voices'
import { ApiError, api } from '../../src/api'
import { monthKeyOf, monthLabel } from '../../src/components'
import VoiceSummaryPage from '../../src/pages-voices/summary'
import { classes } from './support/dom'

const STATUS_NAMES: Record<VoiceKind, Record<string, string>> = { suggestion: SUGGESTION_STATUS_NAMES, wish: WISH_STATUS_NAMES, hazard: HAZARD_STATUS_NAMES }

/** A kind's row as voices.summary answers it: every status of the kind, with `counts` of some (the rest 0). */
function summaryRow(kind: VoiceKind, counts: Record<string, number> = {}, over: Partial<VoiceSummaryRow> = {}): VoiceSummaryRow {
  const byStatus = Object.entries(STATUS_NAMES[kind]).map(([status, name]) => ({ status: status as VoiceStatus, name, count: counts[status] ?? 0 }))
  const total = byStatus.reduce((n, s) => n + s.count, 0)
  return { kind, kindName: VOICE_KIND_NAMES[kind], total, closed: 0, open: total, medianHours: null, overdue: 0, byStatus, ...over }
}

const MONTH = monthKeyOf()
const ROWS = [
  summaryRow('suggestion', { open: 1, answered: 1, adopted: 2 }, { closed: 2, open: 2, medianHours: 51 }),
  summaryRow('wish', { confirmed: 1 }, { closed: 1, open: 0, medianHours: 0.5 }),
  summaryRow('hazard', { reported: 2, accepted: 1 }, { overdue: 2 }),
]
const EMPTY = (['suggestion', 'wish', 'hazard'] as const).map((k) => summaryRow(k))

const answer = (rows: VoiceSummaryRow[], month: string | null = MONTH) => ({ month, rows })

// A page's lifecycle hooks come with the h5 app (the React framework plugin), which the components' tests do not start:
// here they do nothing, as on a page that is neither pulled down nor shown again.
Object.assign(Taro, { usePullDownRefresh: () => undefined, useDidShow: () => undefined, useDidHide: () => undefined })

afterEach(() => jest.restoreAllMocks())

describe('说事统计', () => {
  test("this month's card per kind: how many, closed, open, the median time, every status with its count", async () => {
    const summary = jest.spyOn(api.voices, 'summary').mockResolvedValue(answer(ROWS))
    render(<VoiceSummaryPage />)
    const wish = await screen.findByTestId('voice-summary-wish')
    expect(summary).toHaveBeenCalledWith({ month: MONTH }, expect.anything())
    expect(screen.getByTestId('voice-summary-month').textContent).toContain(monthLabel(MONTH))
    expect(wish.textContent).toContain('微心愿')
    expect(screen.getByTestId('voice-summary-wish-total').textContent).toBe('共 1 件')
    expect(screen.getByTestId('voice-summary-wish-closed').textContent).toBe('1')
    expect(screen.getByTestId('voice-summary-wish-open').textContent).toBe('0')
    expect(screen.getByTestId('voice-summary-wish-median').textContent).toBe('不到 1 小时')
    // The median in words a person reads, once for the page.
    expect(screen.getByTestId('voice-summary-note').textContent).toContain('办结用时取中间数：一半的事在这个时间以内办完')
    expect(screen.getByTestId('voice-summary-wish-status-confirmed').textContent).toBe('已圆梦1 件')
    expect(classes(screen.getByTestId('voice-summary-wish-status-pending'))).toContain('sz-voice-summary__status--none')
    expect(screen.getByTestId('voice-summary-suggestion-median').textContent).toBe('2 天 3 小时')
    expect(screen.getByTestId('voice-summary-hazard-median').textContent).toBe('—')
    expect(screen.getByTestId('voice-summary-suggestion-status-adopted').textContent).toBe('已采纳2 件')
  })

  test('随手拍 waiting more than three days: in red, a tap opens the 随手拍 that wait', async () => {
    jest.spyOn(api.voices, 'summary').mockResolvedValue(answer(ROWS))
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<VoiceSummaryPage />)
    const overdue = await screen.findByTestId('voice-summary-overdue')
    expect(overdue.textContent).toContain('超过 3 天未处理 2 件')
    fireEvent.click(overdue)
    expect(navigate).toHaveBeenCalledWith({ url: '/pages-voices/index/index?kind=hazard&view=queue' })
    // Only hazards are flagged: the other kinds have no such line.
    expect(screen.getByTestId('voice-summary-wish').textContent).not.toContain('超过')
  })

  test('none overdue says so, plainly', async () => {
    jest.spyOn(api.voices, 'summary').mockResolvedValue(answer([ROWS[0], ROWS[1], summaryRow('hazard', { confirmed: 1 }, { closed: 1, open: 0, medianHours: 30 })]))
    render(<VoiceSummaryPage />)
    expect((await screen.findByTestId('voice-summary-overdue-none')).textContent).toBe('没有超过 3 天未处理的')
    expect(screen.queryByTestId('voice-summary-overdue')).toBeNull()
  })

  test("导出 Excel makes the month's 说事台账; 全部 shows every month and says how to export", async () => {
    const summary = jest.spyOn(api.voices, 'summary').mockResolvedValue(answer(ROWS))
    const file = { fileID: 'cloud://exports/k1/voices.xlsx', url: '#download-voices', fileName: `说事台账-${MONTH}.xlsx` }
    const exported = jest.spyOn(api.voices, 'export').mockResolvedValue({ file })
    render(<VoiceSummaryPage />)
    const button = await screen.findByTestId('voice-summary-export')
    expect(button.textContent).toBe(`导出${monthLabel(MONTH)}说事台账（Excel）`)
    await act(async () => {
      fireEvent.click(button)
    })
    expect(exported).toHaveBeenCalledWith({ month: MONTH })
    expect((await screen.findByTestId('voice-summary-export-download')).getAttribute('href')).toBe('#download-voices')

    summary.mockResolvedValue(answer(ROWS, null))
    fireEvent.click(screen.getByTestId('voice-summary-period-all'))
    await waitFor(() => expect(summary).toHaveBeenLastCalledWith({}, expect.anything()))
    await screen.findByTestId('voice-summary-export-hint')
    expect(screen.queryByTestId('voice-summary-export')).toBeNull()
    expect(screen.queryByTestId('voice-summary-month')).toBeNull()
    expect(screen.getByTestId('voice-summary-period-all').getAttribute('data-active')).toBe('true')
  })

  test('a month with nothing said: the empty state, and nothing to export', async () => {
    jest.spyOn(api.voices, 'summary').mockResolvedValue(answer(EMPTY))
    render(<VoiceSummaryPage />)
    const empty = await screen.findByTestId('voice-summary-empty')
    expect(empty.textContent).toContain(`${monthLabel(MONTH)}还没有人说事`)
    expect(screen.queryByTestId('voice-summary-export')).toBeNull()
  })

  test('someone not on the 工作小组 is told it is theirs; a failure offers 重试', async () => {
    const summary = jest.spyOn(api.voices, 'summary').mockRejectedValue(new ApiError('AUTH.FORBIDDEN'))
    const { unmount } = render(<VoiceSummaryPage />)
    expect((await screen.findByTestId('voice-summary-forbidden')).textContent).toContain('只有社区工作小组可以看说事统计')
    unmount()

    summary.mockRejectedValueOnce(new ApiError('INTERNAL')).mockResolvedValue(answer(ROWS))
    render(<VoiceSummaryPage />)
    fireEvent.click(await screen.findByText('重试'))
    await screen.findByTestId('voice-summary-wish')
  })
})
