/**
 * The platform's speech, for 读给我听 (text to speech) and 说话输入 (speech to text), in one place:
 * - weapp: WeChat's 同声传译 plugin (WechatSI, declared in app.config.ts): `textToSpeech` answers an audio file that an
 *   InnerAudioContext plays; `getRecordRecognitionManager` records and recognises Mandarin;
 * - h5: the browser's Web Speech API: `speechSynthesis` (zh-CN) and, where there is one, `(webkit)SpeechRecognition`.
 * Which one is chosen at build time (process.env.TARO_ENV), so neither build carries the other's code path at run time.
 * Nothing here throws: a platform without speech answers false from canSpeak / canListen and the buttons are not shown.
 */
import Taro from '@tarojs/taro'

const isWeapp = process.env.TARO_ENV === 'weapp'

// ---- WechatSI (weapp) ----

interface TtsAnswer {
  retcode: number
  filename: string
}
interface RecognitionManager {
  start: (options: { lang: string; duration: number }) => void
  stop: () => void
  onStop: ((res: { result?: string }) => void) | null
  onError: ((res: { retcode?: number; msg?: string }) => void) | null
  onStart?: (() => void) | null
}
interface WechatSI {
  textToSpeech: (options: { lang: string; tts: boolean; content: string; success: (res: TtsAnswer) => void; fail: (res: { retcode?: number; msg?: string }) => void }) => void
  getRecordRecognitionManager: () => RecognitionManager
}

let plugin: WechatSI | null | undefined
function wechatSI(): WechatSI | null {
  if (plugin === undefined) {
    try {
      plugin = (Taro.requirePlugin('WechatSI') as WechatSI | undefined) ?? null
    } catch {
      // Not added in the mini-program console, or an old WeChat: no speech, no buttons.
      plugin = null
    }
  }
  return plugin
}

let audio: Taro.InnerAudioContext | null = null

/** The plugin takes at most 1000 bytes at a time (about 330 Chinese characters): longer texts are read in parts. */
function parts(text: string, maxChars = 300): string[] {
  const out: string[] = []
  let rest = text.trim()
  while (rest.length > maxChars) {
    const cut = Math.max(rest.lastIndexOf('。', maxChars), rest.lastIndexOf('，', maxChars))
    const at = cut > maxChars / 2 ? cut + 1 : maxChars
    out.push(rest.slice(0, at))
    rest = rest.slice(at).trim()
  }
  if (rest) out.push(rest)
  return out
}

function weappSpeak(text: string): Promise<void> {
  const si = wechatSI()
  if (!si) return Promise.reject(new Error('没有语音功能'))
  audio?.stop()
  audio?.destroy()
  const player = Taro.createInnerAudioContext()
  audio = player
  player.obeyMuteSwitch = false
  const synthesise = (content: string) =>
    new Promise<string>((resolve, reject) =>
      si.textToSpeech({ lang: 'zh_CN', tts: true, content, success: (res) => (res.retcode === 0 || res.filename ? resolve(res.filename) : reject(new Error(String(res.retcode)))), fail: (res) => reject(new Error(res.msg ?? '语音合成失败')) }),
    )
  const play = (src: string) =>
    new Promise<void>((resolve, reject) => {
      if (audio !== player) return resolve()
      player.src = src
      player.onEnded(() => resolve())
      player.onStop(() => resolve())
      player.onError(() => reject(new Error('播放失败')))
      player.play()
    })
  return parts(text).reduce<Promise<void>>((before, part) => before.then(async () => (audio === player ? play(await synthesise(part)) : undefined)), Promise.resolve())
}

// ---- Web Speech (h5) ----

interface Recognition {
  lang: string
  interimResults: boolean
  continuous: boolean
  maxAlternatives: number
  onresult: ((e: { results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal?: boolean }> }) => void) | null
  onerror: ((e: { error: string }) => void) | null
  onend: (() => void) | null
  start: () => void
  stop: () => void
}
type RecognitionClass = new () => Recognition

const browser = () => (typeof window === 'undefined' ? null : (window as unknown as { speechSynthesis?: SpeechSynthesis; SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance; SpeechRecognition?: RecognitionClass; webkitSpeechRecognition?: RecognitionClass }))

function webSpeak(text: string): Promise<void> {
  const w = browser()
  if (!w?.speechSynthesis || !w.SpeechSynthesisUtterance) return Promise.reject(new Error('没有语音功能'))
  const synth = w.speechSynthesis
  synth.cancel()
  const utterance = new w.SpeechSynthesisUtterance(text)
  utterance.lang = 'zh-CN'
  // A little slower than usual, for older ears.
  utterance.rate = 0.9
  const voice = synth.getVoices?.().find((v) => /^zh[-_]CN/i.test(v.lang)) ?? synth.getVoices?.().find((v) => /^zh/i.test(v.lang))
  if (voice) utterance.voice = voice
  return new Promise<void>((resolve, reject) => {
    utterance.onend = () => resolve()
    utterance.onerror = (e) => (e.error === 'interrupted' || e.error === 'canceled' ? resolve() : reject(new Error(e.error)))
    synth.speak(utterance)
  })
}

// ---- what the components use ----

/** Whether this phone can read aloud (读给我听 is shown only then). */
export function canSpeak(): boolean {
  if (isWeapp) return !!wechatSI()
  const w = browser()
  return !!(w?.speechSynthesis && w.SpeechSynthesisUtterance)
}

/** Reads `text` aloud in Mandarin; resolves when it has been read (or was stopped), rejects when it could not be. */
export function speak(text: string): Promise<void> {
  return isWeapp ? weappSpeak(text) : webSpeak(text)
}

/** Stops what is being read. */
export function stopSpeaking(): void {
  if (isWeapp) {
    const player = audio
    audio = null
    player?.stop()
    player?.destroy()
    return
  }
  browser()?.speechSynthesis?.cancel()
}

/** Whether this phone can turn speech into text (说话输入 is shown only then). */
export function canListen(): boolean {
  if (isWeapp) return !!wechatSI()
  const w = browser()
  return !!(w?.SpeechRecognition ?? w?.webkitSpeechRecognition)
}

export interface Listening {
  /** Stops listening; what was said so far still arrives through onText. */
  stop: () => void
}

export interface ListenHandlers {
  /** What was said, as text (once, when the person stops). */
  onText: (text: string) => void
  /** Listening ended (after onText, or with nothing heard). */
  onEnd: () => void
  /** Why it did not work, in Chinese. */
  onError: (message: string) => void
}

/** What the plugin's and the browser's error codes mean, for the toast. */
const HEARD_NOTHING = '没有听清，请再说一次'

/** Starts listening for Mandarin (up to a minute); null when this phone cannot. */
export function listen(handlers: ListenHandlers): Listening | null {
  if (isWeapp) {
    const si = wechatSI()
    if (!si) return null
    const manager = si.getRecordRecognitionManager()
    manager.onStop = (res) => {
      if (res.result) handlers.onText(res.result)
      else handlers.onError(HEARD_NOTHING)
      handlers.onEnd()
    }
    manager.onError = (res) => {
      // -30003: too short; -30004: heard nothing; -30011: the last one is still being recognised.
      handlers.onError(res.retcode === -30011 ? '上一段话还在识别，请稍等' : res.retcode === -30003 || res.retcode === -30004 ? HEARD_NOTHING : '说话输入没有成功，请再试一次或打字')
      handlers.onEnd()
    }
    manager.start({ lang: 'zh_CN', duration: 60_000 })
    return { stop: () => manager.stop() }
  }
  const w = browser()
  const Class = w?.SpeechRecognition ?? w?.webkitSpeechRecognition
  if (!Class) return null
  const recognition = new Class()
  recognition.lang = 'zh-CN'
  recognition.interimResults = false
  recognition.continuous = false
  recognition.maxAlternatives = 1
  let heard = ''
  recognition.onresult = (e) => {
    heard = Array.from(e.results)
      .map((r) => r[0]?.transcript ?? '')
      .join('')
  }
  recognition.onerror = (e) => handlers.onError(e.error === 'not-allowed' || e.error === 'service-not-allowed' ? '没有允许使用麦克风，可以打字输入' : e.error === 'no-speech' ? HEARD_NOTHING : '说话输入没有成功，请再试一次或打字')
  recognition.onend = () => {
    if (heard) handlers.onText(heard)
    handlers.onEnd()
  }
  try {
    recognition.start()
  } catch {
    return null
  }
  return { stop: () => recognition.stop() }
}
