import { render, screen } from '@testing-library/react'
import { decodeMessage, encodeMessage, firstText, textRecord } from '@core/ndef'
import { CardReader } from '../../src/components/Scanner/CardReader'
import { NO_NFC, type Adapter, type Discovered, type WxRecord, readCardByNfc, readCardWith, stopNfc, toWxRecord, writeCardWith } from '../../src/components/Scanner/nfc'

const TOKEN = 'SZJFCARD1.cd0123456789abcdef01.AbCdEfGhIjKlMnOpQrStUv'

/** WeChat's NFCAdapter as far as the module uses it: a tag is "tapped" by calling `tap`; writes are kept. */
function fakeAdapter(options: { startFails?: number } = {}) {
  let listener: ((res: Discovered) => void) | null = null
  const written: WxRecord[][] = []
  const calls: string[] = []
  const adapter: Adapter = {
    startDiscovery: (o) => {
      calls.push('start')
      if (options.startFails) o.fail?.({ errCode: options.startFails })
      else o.success?.()
    },
    stopDiscovery: () => void calls.push('stop'),
    onDiscovered: (f) => void (listener = f),
    offDiscovered: () => void (listener = null),
    getNdef: () => ({
      connect: (o) => (calls.push('connect'), o.success?.()),
      close: () => void calls.push('close'),
      writeNdefMessage: (o) => (written.push(o.records), calls.push('write'), o.success?.()),
    }),
  }
  return { adapter, written, calls, tap: (res: Discovered) => listener?.(res), listening: () => listener !== null }
}

describe('CardReader', () => {
  test('h5: 扫积分卡 and 从相册选图, no 碰一碰读卡 (only the weapp has NFC)', () => {
    render(<CardReader onToken={jest.fn()} testId='reader' />)
    expect(screen.getByTestId('reader-scan').textContent).toBe('扫积分卡')
    expect(screen.getByTestId('scan-album').textContent).toContain('从相册选图')
    expect(screen.queryByTestId('reader-nfc')).toBeNull()
    expect(screen.queryByTestId('reader-problem')).toBeNull()
  })
})

describe('nfc', () => {
  test('where there is no NFC (h5), reading says in words to scan the QR', async () => {
    await expect(readCardByNfc()).rejects.toThrow(NO_NFC)
    await expect(readCardWith(null)).rejects.toThrow('这台手机不能读卡，请扫卡上的二维码')
  })

  test("a tapped card's text record is its token; the reader stops listening after", async () => {
    const nfc = fakeAdapter()
    const read = readCardWith(nfc.adapter)
    expect(nfc.listening()).toBe(true)
    nfc.tap({ techs: ['NDEF'], messages: [{ records: [toWxRecord(textRecord(TOKEN))] }] })
    await expect(read).resolves.toBe(TOKEN)
    expect(nfc.listening()).toBe(false)
    expect(nfc.calls).toEqual(['start', 'stop'])
  })

  test('a tag without a text record is refused in words; 取消 ends the wait', async () => {
    const nfc = fakeAdapter()
    const read = readCardWith(nfc.adapter)
    nfc.tap({ techs: ['NfcA'], messages: [] })
    await expect(read).rejects.toThrow('这张卡里没有积分卡的信息')
    const again = readCardWith(nfc.adapter)
    stopNfc()
    await expect(again).rejects.toThrow('已取消读卡')
  })

  test("the phone's NFC switched off (13001) is said as such", async () => {
    await expect(readCardWith(fakeAdapter({ startFails: 13001 }).adapter)).rejects.toThrow('手机的 NFC 没有打开')
  })

  test('writing puts the token on the tag as one NDEF text record, then closes', async () => {
    const nfc = fakeAdapter()
    const write = writeCardWith(nfc.adapter, TOKEN)
    nfc.tap({ techs: ['NFC-A', 'NDEF'] })
    await write
    expect(nfc.calls).toEqual(['start', 'connect', 'write', 'close', 'stop'])
    const [records] = nfc.written
    expect(records).toHaveLength(1)
    const bytes = (b?: ArrayBuffer) => new Uint8Array(b ?? new ArrayBuffer(0))
    const message = encodeMessage(records.map((r) => ({ tnf: r.tnf!, id: bytes(r.id), type: bytes(r.type), payload: bytes(r.payload) })))
    expect(firstText(decodeMessage(message))).toBe(TOKEN)
  })

  test('a tag that cannot hold NDEF is refused before anything is written', async () => {
    const nfc = fakeAdapter()
    const write = writeCardWith(nfc.adapter, TOKEN)
    nfc.tap({ techs: ['MifareClassic'] })
    await expect(write).rejects.toThrow('这张卡不能写入')
    expect(nfc.written).toHaveLength(0)
  })
})
