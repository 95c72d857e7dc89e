/**
 * 碰一碰读卡 / 写入 NFC 卡: the points card's NFC tag, in the weapp on Android (WeChat's NFCAdapter; iPhones read only
 * ISO-DEP tags, h5 has no NFC at all). The tag holds the card's token as one NDEF text record (src/core/ndef). Where
 * there is no NFC the caller is told in words to scan the card's QR instead.
 *   read:  adapter.startDiscovery → onDiscovered(res) → res.messages[0].records → the first text record
 *   write: startDiscovery → onDiscovered (a tag with NDEF) → adapter.getNdef() → connect → writeNdefMessage({ records }) → close
 */
import Taro from '@tarojs/taro'
import { firstText, textRecord, type NdefRecord } from '@core/ndef'

/** What every page says where the phone cannot read a card (an iPhone, a computer, a phone without NFC). */
export const NO_NFC = '这台手机不能读卡，请扫卡上的二维码'

/** A refusal of the NFC reader, in words to show as they are. */
export class NfcProblem extends Error {}

/** A record as WeChat hands it over and takes it: each part an ArrayBuffer, the TNF a number. */
export interface WxRecord {
  tnf?: number
  id?: ArrayBuffer
  type: ArrayBuffer
  payload: ArrayBuffer
}
export interface Discovered {
  techs?: string[]
  messages?: { records?: WxRecord[] }[]
}
interface WxNdef {
  connect(o: Callbacks): void
  close(o?: Callbacks): void
  writeNdefMessage(o: Callbacks & { records: WxRecord[] }): void
}
/** What this module uses of WeChat's NFCAdapter (a test hands in its own). */
export interface Adapter {
  startDiscovery(o: Callbacks): void
  stopDiscovery(o?: Callbacks): void
  onDiscovered(f: (res: Discovered) => void): void
  offDiscovered(f?: (res: Discovered) => void): void
  getNdef(): WxNdef
}
interface Callbacks {
  success?: () => void
  fail?: (e: { errCode?: number; errMsg?: string }) => void
}

/** How long a tap is waited for before the reader gives up. */
const WAIT_MS = 30_000

/** WeChat's error codes (wx.getNFCAdapter), in words. */
function problemOf(e: { errCode?: number } | undefined): NfcProblem {
  switch (e?.errCode) {
    case 13000:
      return new NfcProblem(NO_NFC)
    case 13001:
      return new NfcProblem('手机的 NFC 没有打开。请在手机设置里打开 NFC，再试一次。')
    case 13019:
      return new NfcProblem('没有得到使用 NFC 的允许，请扫卡上的二维码。')
    case 13016:
    case 13017:
      return new NfcProblem('卡没有贴稳，请把卡贴在手机背面不要动，再试一次。')
    default:
      return new NfcProblem('读卡没有成功，请再试一次，或扫卡上的二维码。')
  }
}

/** The adapter, or null where there is none (h5, an old WeChat). */
function adapter(): Adapter | null {
  if (process.env.TARO_ENV !== 'weapp') return null
  const get = (Taro as unknown as { getNFCAdapter?: () => Adapter }).getNFCAdapter
  if (typeof get !== 'function') return null
  try {
    return get()
  } catch {
    return null
  }
}

/** Whether this phone may try NFC at all: the weapp on a phone that is not an iPhone (WeChat on iOS reads no NDEF tags). */
export function canUseNfc(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  try {
    const platform = (Taro.getDeviceInfo?.() ?? Taro.getSystemInfoSync()).platform
    if (platform === 'ios' || platform === 'devtools') return false
  } catch {
    // unknown: let the adapter answer
  }
  return adapter() !== null
}

let stopCurrent: (() => void) | null = null

/** Stops a read or write that waits for a tap (the page closed, 取消). */
export function stopNfc(): void {
  stopCurrent?.()
}

/** Waits for a tag on `a`: `onTag` answers what the whole thing resolves to, or throws. One wait at a time. */
function withTag<T>(a: Adapter | null, onTag: (a: Adapter, res: Discovered) => Promise<T>): Promise<T> {
  if (!a) return Promise.reject(new NfcProblem(NO_NFC))
  stopNfc()
  return new Promise<T>((resolve, reject) => {
    let done = false
    const finish = (f: () => void) => {
      if (done) return
      done = true
      clearTimeout(timer)
      a.offDiscovered(listener)
      a.stopDiscovery({ fail: () => undefined })
      stopCurrent = null
      f()
    }
    // One tag at a time: a second event while the first is read or written is let pass.
    let busy = false
    const listener = (res: Discovered) => {
      if (busy) return
      busy = true
      void onTag(a, res).then(
        (v) => finish(() => resolve(v)),
        (e) => finish(() => reject(e instanceof NfcProblem ? e : new NfcProblem('读卡没有成功，请再试一次，或扫卡上的二维码。'))),
      )
    }
    const timer = setTimeout(() => finish(() => reject(new NfcProblem('没有读到卡。请把卡贴在手机背面，再点一次“碰一碰读卡”。'))), WAIT_MS)
    stopCurrent = () => finish(() => reject(new NfcProblem('已取消读卡')))
    a.onDiscovered(listener)
    // 13021: discovery was already on (a read before this one); the listener above still hears the tag.
    a.startDiscovery({ fail: (e) => (e?.errCode === 13021 ? undefined : finish(() => reject(problemOf(e)))) })
  })
}

const bytes = (b: ArrayBuffer | undefined) => new Uint8Array(b ?? new ArrayBuffer(0))

/** 碰一碰读卡: the text on the next card tapped to the phone (the card's token); a card with no text is refused in words. */
export const readCardByNfc = (): Promise<string> => readCardWith(adapter())

export function readCardWith(a: Adapter | null): Promise<string> {
  return withTag(a, async (_, res) => {
    const records = res.messages?.[0]?.records ?? []
    const text = firstText(records.map((r) => ({ tnf: r.tnf ?? 0x01, type: bytes(r.type), payload: bytes(r.payload) })))
    if (!text) throw new NfcProblem('这张卡里没有积分卡的信息，请扫卡上的二维码。')
    return text
  })
}

/** A record's parts as the ArrayBuffers WeChat takes (a copy of each, not a view of a larger buffer). */
const buffer = (b: Uint8Array): ArrayBuffer => b.slice().buffer as ArrayBuffer
export const toWxRecord = (r: NdefRecord): WxRecord => ({ tnf: r.tnf, id: buffer(r.id), type: buffer(r.type), payload: buffer(r.payload) })

/** 写入 NFC 卡: writes `token` as one text record on the next tag tapped (a blank NTAG sticker on the card). */
export const writeCardToNfc = (token: string): Promise<void> => writeCardWith(adapter(), token)

export function writeCardWith(a: Adapter | null, token: string): Promise<void> {
  return withTag(a, async (nfc, res) => {
    if (res.techs && !res.techs.some((t) => t.toLowerCase() === 'ndef')) throw new NfcProblem('这张卡不能写入，请换一张 NFC 贴纸（NTAG 类型）。')
    const ndef = nfc.getNdef()
    await new Promise<void>((resolve, reject) => ndef.connect({ success: resolve, fail: (e) => reject(problemOf(e)) }))
    try {
      await new Promise<void>((resolve, reject) => ndef.writeNdefMessage({ records: [toWxRecord(textRecord(token))], success: resolve, fail: (e) => reject(problemOf(e)) }))
    } finally {
      ndef.close({ fail: () => undefined })
    }
  })
}
