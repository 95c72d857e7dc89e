import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ApiError, type ExportLink } from '../../src/api'
import { ExportButton } from '../../src/components/ExportButton'
import { classes } from './support/dom'

const FILE: ExportLink = { fileID: 'cloud://exports/k1/publicity.xlsx', url: '#download-publicity', fileName: '2026年3月公示.xlsx' }

/** A make() the test answers when it likes, to see the button while the server works. */
function pending() {
  let settle: { resolve: (file: ExportLink) => void; reject: (e: unknown) => void } = { resolve: () => undefined, reject: () => undefined }
  const make = jest.fn(() => new Promise<ExportLink>((resolve, reject) => (settle = { resolve, reject })))
  return { make, settle: () => settle }
}

const toast = () => document.querySelector('.taro__toast')?.textContent ?? ''

describe('ExportButton', () => {
  test('h5: busy while the server makes it, then the file, with a link kept on the page', async () => {
    const { make, settle } = pending()
    render(<ExportButton make={make} testId='export' plain />)
    expect(screen.getByTestId('export').textContent).toBe('导出 Excel')
    expect(classes(screen.getByTestId('export'))).toContain('nut-button-default')
    fireEvent.click(screen.getByTestId('export'))
    expect(make).toHaveBeenCalledTimes(1)
    expect(classes(screen.getByTestId('export'))).toEqual(expect.arrayContaining(['nut-button-loading', 'nut-button-disabled']))
    fireEvent.click(screen.getByTestId('export'))
    expect(make).toHaveBeenCalledTimes(1)
    await act(async () => settle().resolve(FILE))
    const link = await screen.findByTestId('export-download')
    expect(link.getAttribute('href')).toBe('#download-publicity')
    expect(link.getAttribute('download')).toBe('2026年3月公示.xlsx')
    expect(link.textContent).toBe('下载 2026年3月公示.xlsx')
    expect(screen.getByTestId('export-done').textContent).toContain('表格已生成')
    expect(classes(screen.getByTestId('export'))).not.toContain('nut-button-loading')
  })

  test('a failed download says so; a refusal was already said by the API', async () => {
    const { make, settle } = pending()
    render(<ExportButton make={make} label='导出公示表' testId='export' />)
    expect(screen.getByTestId('export').textContent).toBe('导出公示表')
    fireEvent.click(screen.getByTestId('export'))
    await act(async () => settle().reject(new ApiError('AUTH.FORBIDDEN')))
    expect(toast()).not.toContain('表格没有打开')
    fireEvent.click(screen.getByTestId('export'))
    await act(async () => settle().reject(new Error('offline')))
    await waitFor(() => expect(toast()).toContain('表格没有打开，请再试一次'))
    expect(screen.queryByTestId('export-done')).toBeNull()
  })

  test('as an action in a card: 正在生成… and no second tap', async () => {
    const { make, settle } = pending()
    render(<ExportButton make={make} label='导出' variant='action' testId='export' />)
    fireEvent.click(screen.getByTestId('export'))
    expect(screen.getByTestId('export').textContent).toBe('正在生成…')
    expect(classes(screen.getByTestId('export'))).toContain('sz-gov-card__action--off')
    fireEvent.click(screen.getByTestId('export'))
    expect(make).toHaveBeenCalledTimes(1)
    await act(async () => settle().resolve(FILE))
    expect(screen.getByTestId('export').textContent).toBe('导出')
  })
})
