import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ReadAloud } from '../../src/components/ReadAloud'
import { VoiceInput } from '../../src/components/VoiceInput'

/** A stand-in for the browser's speechSynthesis (jsdom has none): what it was asked to say, and a way to finish it. */
class FakeUtterance {
  lang = ''
  rate = 1
  voice: unknown = null
  onend: (() => void) | null = null
  onerror: ((e: { error: string }) => void) | null = null
  constructor(public text: string) {}
}
const spoken: FakeUtterance[] = []
const synth = {
  speak: jest.fn((u: FakeUtterance) => void spoken.push(u)),
  cancel: jest.fn(),
  getVoices: () => [{ lang: 'en-US' }, { lang: 'zh-CN', name: '婷婷' }],
}

function withSpeech(on: boolean) {
  const w = window as unknown as Record<string, unknown>
  if (on) {
    w.speechSynthesis = synth
    w.SpeechSynthesisUtterance = FakeUtterance
  } else {
    delete w.speechSynthesis
    delete w.SpeechSynthesisUtterance
  }
}

beforeEach(() => {
  spoken.length = 0
  synth.speak.mockClear()
  synth.cancel.mockClear()
})
afterEach(() => withSpeech(false))

describe('ReadAloud', () => {
  test('读给我听 reads the whole sentence in Mandarin, a little slower, with a Chinese voice; 停止朗读 while it reads', async () => {
    withSpeech(true)
    render(<ReadAloud text='您现在有 12 分可以用。' />)
    const button = screen.getByTestId('read-aloud')
    expect(button.textContent).toBe('读给我听')
    fireEvent.click(button)
    expect(spoken.map((u) => u.text)).toEqual(['您现在有 12 分可以用。'])
    expect(spoken[0].lang).toBe('zh-CN')
    expect(spoken[0].rate).toBeLessThan(1)
    expect(spoken[0].voice).toMatchObject({ lang: 'zh-CN' })
    expect(screen.getByTestId('read-aloud').textContent).toBe('停止朗读')
    expect(screen.getByTestId('read-aloud').getAttribute('data-reading')).toBe('true')
    // Read to the end: the button is back.
    act(() => spoken[0].onend?.())
    await waitFor(() => expect(screen.getByTestId('read-aloud').textContent).toBe('读给我听'))
  })

  test('tapped again while reading, it stops; leaving the page stops it too', () => {
    withSpeech(true)
    const { unmount } = render(<ReadAloud text='申报已通过' label='读给我听' testId='claim-read' />)
    fireEvent.click(screen.getByTestId('claim-read'))
    const before = synth.cancel.mock.calls.length
    fireEvent.click(screen.getByTestId('claim-read'))
    expect(synth.cancel.mock.calls.length).toBe(before + 1)
    expect(screen.getByTestId('claim-read').textContent).toBe('读给我听')
    expect(synth.speak).toHaveBeenCalledTimes(1)
    unmount()
    expect(synth.cancel.mock.calls.length).toBe(before + 2)
  })

  test('not shown where the browser cannot speak', () => {
    withSpeech(false)
    render(<ReadAloud text='您现在有 12 分可以用。' />)
    expect(screen.queryByTestId('read-aloud')).toBeNull()
  })
})

/** A stand-in for webkitSpeechRecognition: started once, then "hears" what the test says. */
class FakeRecognition {
  static last: FakeRecognition | null = null
  lang = ''
  interimResults = true
  continuous = true
  maxAlternatives = 5
  onresult: ((e: { results: { transcript: string }[][] }) => void) | null = null
  onerror: ((e: { error: string }) => void) | null = null
  onend: (() => void) | null = null
  started = false
  constructor() {
    FakeRecognition.last = this
  }
  start() {
    this.started = true
  }
  stop() {
    this.onend?.()
  }
}

describe('VoiceInput', () => {
  afterEach(() => delete (window as unknown as Record<string, unknown>).webkitSpeechRecognition)

  test('说话输入 listens for Mandarin and hands over what was said', () => {
    ;(window as unknown as Record<string, unknown>).webkitSpeechRecognition = FakeRecognition
    const onText = jest.fn()
    render(<VoiceInput onText={onText} />)
    fireEvent.click(screen.getByTestId('voice-input'))
    const r = FakeRecognition.last!
    expect(r.started).toBe(true)
    expect(r.lang).toBe('zh-CN')
    expect(screen.getByTestId('voice-input').getAttribute('data-listening')).toBe('true')
    act(() => {
      r.onresult?.({ results: [[{ transcript: '帮邻居' }], [{ transcript: '扫了楼道' }]] })
      r.onend?.()
    })
    expect(onText).toHaveBeenCalledWith('帮邻居扫了楼道')
    expect(screen.getByTestId('voice-input').getAttribute('data-listening')).toBe('false')
  })

  test('not shown where the browser has no speech recognition', () => {
    render(<VoiceInput onText={jest.fn()} />)
    expect(screen.queryByTestId('voice-input')).toBeNull()
  })
})
