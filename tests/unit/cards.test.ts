/** The points card's shared rules: the token's shape, the PIN's lock, and the NDEF text record its NFC tag holds. */
import fc from 'fast-check'
import { PIN_ATTEMPTS, afterWrongPin, formatCardNumber, isPin, looksLikeCardToken, parseCardToken } from '../../src/core/cards'
import { decodeMessage, encodeMessage, firstText, readText, textPayload, textRecord, utf8Decode, utf8Encode } from '../../src/core/ndef'

const TOKEN = 'SZJFCARD1.cd0123456789abcdef01.AbCdEfGhIjKlMnOpQrStUv'

test('a token is told apart from a voucher code or any other QR', () => {
  expect(parseCardToken(TOKEN)).toEqual({ cardId: 'cd0123456789abcdef01', signature: 'AbCdEfGhIjKlMnOpQrStUv' })
  expect(parseCardToken(` ${TOKEN}\n`)).not.toBeNull()
  for (const other of ['1234567801123456', 'SZJF:1234567801123456', 'SZJFCARD2.cd01234567.AbCdEfGhIjKlMnOpQrStUv', 'SZJFCARD1.CD0123.AbCdEfGhIjKlMnOp', 'https://example.com']) expect(looksLikeCardToken(other)).toBe(false)
})

test('a PIN is four digits', () => {
  expect(['0000', '2580'].every(isPin)).toBe(true)
  expect(['123', '12345', '12a4', '', '１２３４'].some(isPin)).toBe(false)
  expect(formatCardNumber('12345678')).toBe('1234 5678')
})

test('five wrong PINs within 30 minutes lock for 30; older ones no longer count', () => {
  const at = (min: number) => new Date(Date.UTC(2026, 11, 1, 2, min))
  let failures: string[] = []
  for (let i = 0; i < PIN_ATTEMPTS - 1; i++) {
    const next = afterWrongPin(failures, at(i))
    expect(next).toMatchObject({ lockedUntil: null, left: PIN_ATTEMPTS - 1 - i })
    failures = next.failures
  }
  expect(afterWrongPin(failures, at(10))).toMatchObject({ lockedUntil: at(40).toISOString(), failures: [] })
  // The same fifth try 31 minutes after the first: the first no longer counts.
  expect(afterWrongPin(failures, at(30.5 as number)).lockedUntil).toBeNull()
})

test('an NDEF text record: the bytes of the NFC Forum text type', () => {
  const bytes = encodeMessage([textRecord('SZJF', 'zh')])
  // MB|ME|SR, TNF 1; type length 1; payload length 7; "T"; status 2 (UTF-8, "zh"); "zh"; "SZJF".
  expect([...bytes]).toEqual([0xd1, 0x01, 0x07, 0x54, 0x02, 0x7a, 0x68, 0x53, 0x5a, 0x4a, 0x46])
  expect(firstText(decodeMessage(bytes))).toBe('SZJF')
})

test('any text, short or long, in one record or several, reads back as written', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 300 }), { minLength: 1, maxLength: 3 }), (texts) => {
      const records = decodeMessage(encodeMessage(texts.map((t) => textRecord(t))))
      expect(records.map((r) => readText(r))).toEqual(texts)
    }),
  )
  expect(firstText(decodeMessage(encodeMessage([textRecord(TOKEN)])))).toBe(TOKEN)
})

test('a UTF-16 text record is read; another type is not text; a message cut short throws', () => {
  const utf16 = new Uint8Array([0x80 | 2, 0x7a, 0x68, 0x00, 0x41, 0x6c, 0x34])
  expect(readText({ tnf: 1, type: Uint8Array.of(0x54), payload: utf16 })).toBe('A水')
  expect(readText({ tnf: 1, type: Uint8Array.of(0x55), payload: textPayload('x') })).toBeNull()
  expect(readText({ tnf: 2, type: Uint8Array.of(0x54), payload: textPayload('x') })).toBeNull()
  const bytes = encodeMessage([textRecord(TOKEN)])
  expect(() => decodeMessage(bytes.slice(0, bytes.length - 3))).toThrow('NDEF 数据不完整')
})

test('UTF-8 by hand (old WeChat base libraries have no TextEncoder) is the platform’s UTF-8', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 })), (text) => {
      expect([...utf8Encode(text)]).toEqual([...new TextEncoder().encode(text)])
      expect(utf8Decode(utf8Encode(text))).toBe(new TextDecoder().decode(new TextEncoder().encode(text)))
    }),
  )
  expect(utf8Decode(Uint8Array.of(0x41, 0xff, 0x42, 0xe6, 0xb0))).toBe('A\ufffdB\ufffd\ufffd')
})
