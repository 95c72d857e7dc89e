/**
 * NDEF text records (NFC Forum RTD Text), for the points card's NFC tag: issuing writes the card's token as one text
 * record; staff read it back by tapping (WeChat's NFC API on Android gives the records' tnf, type and payload). No
 * dependency on the platform here: bytes in, bytes out, so the encoding is tested on its own.
 */

/** TNF 0x01: a record of an NFC Forum well-known type; "T" is the text type. */
export const TNF_WELL_KNOWN = 0x01
export const TEXT_TYPE = 0x54

export interface NdefRecord {
  tnf: number
  type: Uint8Array
  id: Uint8Array
  payload: Uint8Array
}

/**
 * UTF-8 by hand: older WeChat base libraries have no TextEncoder / TextDecoder, and the weapp reads and writes tags.
 * Lone surrogates become U+FFFD, as TextEncoder makes them.
 */
export function utf8Encode(text: string): Uint8Array {
  const out: number[] = []
  for (const ch of text) {
    let c = ch.codePointAt(0)!
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f))
  }
  return Uint8Array.from(out)
}

/** UTF-8 bytes to text; a byte that starts no valid sequence becomes U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1
    let c = n <= 0 ? b : b & (0x7f >> (n + 1))
    let k = 1
    for (; n > 0 && k <= n; k++) {
      const x = bytes[i + k]
      if (x === undefined || (x & 0xc0) !== 0x80) break
      c = (c << 6) | (x & 0x3f)
    }
    if (n < 0 || (n > 0 && k <= n) || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
      out += '\ufffd'
      i++
      continue
    }
    out += String.fromCodePoint(c)
    i += n + 1
  }
  return out
}

/** UTF-16 big-endian bytes to text (a text record's other encoding). */
function utf16beDecode(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1])
  return out
}

/** The payload of a text record: a status byte (UTF-8, the language code's length), the language code, the text. */
export function textPayload(text: string, lang = 'zh'): Uint8Array {
  const code = utf8Encode(lang)
  if (code.length > 63) throw new Error('语言代码太长')
  const body = utf8Encode(text)
  const out = new Uint8Array(1 + code.length + body.length)
  out[0] = code.length // bit 7 clear: UTF-8
  out.set(code, 1)
  out.set(body, 1 + code.length)
  return out
}

/** One text record, as WeChat's writeNdefMessage takes records. */
export const textRecord = (text: string, lang = 'zh'): NdefRecord => ({ tnf: TNF_WELL_KNOWN, type: Uint8Array.of(TEXT_TYPE), id: new Uint8Array(0), payload: textPayload(text, lang) })

/** A whole NDEF message of `records` as bytes (short records where the payload fits in 255 bytes). */
export function encodeMessage(records: readonly NdefRecord[]): Uint8Array {
  const parts: number[] = []
  records.forEach((r, i) => {
    const short = r.payload.length < 256
    let header = r.tnf & 0x07
    if (i === 0) header |= 0x80 // MB
    if (i === records.length - 1) header |= 0x40 // ME
    if (short) header |= 0x10 // SR
    if (r.id.length) header |= 0x08 // IL
    parts.push(header, r.type.length)
    if (short) parts.push(r.payload.length)
    else parts.push((r.payload.length >>> 24) & 0xff, (r.payload.length >>> 16) & 0xff, (r.payload.length >>> 8) & 0xff, r.payload.length & 0xff)
    if (r.id.length) parts.push(r.id.length)
    parts.push(...r.type, ...r.id, ...r.payload)
  })
  return Uint8Array.from(parts)
}

/** The records of an NDEF message; a message cut short or malformed throws. */
export function decodeMessage(bytes: Uint8Array): NdefRecord[] {
  const records: NdefRecord[] = []
  let at = 0
  const need = (n: number) => {
    if (at + n > bytes.length) throw new Error('NDEF 数据不完整')
  }
  for (;;) {
    need(2)
    const header = bytes[at++]
    const typeLength = bytes[at++]
    let payloadLength: number
    if (header & 0x10) {
      need(1)
      payloadLength = bytes[at++]
    } else {
      need(4)
      payloadLength = ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0
      at += 4
    }
    let idLength = 0
    if (header & 0x08) {
      need(1)
      idLength = bytes[at++]
    }
    need(typeLength + idLength + payloadLength)
    const type = bytes.slice(at, (at += typeLength))
    const id = bytes.slice(at, (at += idLength))
    const payload = bytes.slice(at, (at += payloadLength))
    records.push({ tnf: header & 0x07, type, id, payload })
    if (header & 0x40) return records
    if (at >= bytes.length) throw new Error('NDEF 数据不完整')
  }
}

/** The text of a text record, or null for a record of another type. UTF-16 texts (status bit 7) are read too. */
export function readText(record: Pick<NdefRecord, 'tnf' | 'type' | 'payload'>): string | null {
  if (record.tnf !== TNF_WELL_KNOWN || record.type.length !== 1 || record.type[0] !== TEXT_TYPE || record.payload.length < 1) return null
  const status = record.payload[0]
  const body = record.payload.slice(1 + (status & 0x3f))
  return status & 0x80 ? utf16beDecode(body) : utf8Decode(body)
}

/** The first text among records (what a card's tag holds), or null. */
export const firstText = (records: readonly Pick<NdefRecord, 'tnf' | 'type' | 'payload'>[]): string | null => {
  for (const r of records) {
    const t = readText(r)
    if (t !== null) return t
  }
  return null
}
