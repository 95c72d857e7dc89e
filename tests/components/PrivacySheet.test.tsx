import { act, fireEvent, render, screen } from '@testing-library/react'
import { PRIVACY_STORAGE_KEY, answerPrivacy, askPrivacy, hasPrivacyConsent } from '../../src/privacy'
import { PrivacySheet } from '../../src/components/PrivacySheet'

beforeEach(() => localStorage.clear())
// A question left open by a test is no question for the next one.
afterEach(() => act(() => answerPrivacy(false)))

/** h5: a photo or scan asks first; the sheet shows until it is answered (the answer, in a box: an async function would wait for it). */
async function ask(): Promise<{ answer: Promise<boolean> }> {
  let answer: Promise<boolean> = Promise.resolve(false)
  await act(async () => {
    answer = askPrivacy()
  })
  return { answer }
}

describe('PrivacySheet', () => {
  test('nothing on screen until something asks', () => {
    render(<PrivacySheet />)
    expect(screen.queryByTestId('privacy-sheet')).toBeNull()
  })

  test('同意: the photo may go ahead, and is not asked about again', async () => {
    render(<PrivacySheet />)
    const { answer } = await ask()
    expect(screen.getByTestId('privacy-sheet').textContent).toContain('用户隐私保护指引')
    expect(screen.getByTestId('privacy-summary').children.length).toBeGreaterThan(0)
    fireEvent.click(screen.getByTestId('privacy-agree'))
    await expect(answer).resolves.toBe(true)
    expect(screen.queryByTestId('privacy-sheet')).toBeNull()
    expect(hasPrivacyConsent()).toBe(true)
    await expect(askPrivacy()).resolves.toBe(true)
  })

  test('不同意: it does not go ahead, and is asked again next time', async () => {
    render(<PrivacySheet />)
    const { answer } = await ask()
    fireEvent.click(screen.getByTestId('privacy-disagree'))
    await expect(answer).resolves.toBe(false)
    expect(localStorage.getItem(PRIVACY_STORAGE_KEY)).toContain('disagree')
    expect(screen.queryByTestId('privacy-sheet')).toBeNull()
    await ask()
    expect(screen.getByTestId('privacy-sheet')).toBeTruthy()
  })

  test('the whole guideline on this page (h5 has no WeChat guideline page)', async () => {
    render(<PrivacySheet />)
    await ask()
    expect(screen.queryByTestId('privacy-details')).toBeNull()
    fireEvent.click(screen.getByTestId('privacy-open-guide'))
    expect(screen.getByTestId('privacy-details').textContent).toContain('收集哪些信息')
    expect(screen.queryByTestId('privacy-open-guide')).toBeNull()
  })
})
