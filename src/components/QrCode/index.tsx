import { useMemo } from 'react'
import { Image } from '@tarojs/components'
import { create } from 'qrcode/lib/core/qrcode'
import { utf8Encode } from '@core/ndef'
import './index.scss'
import type { BaseProps } from '../types'

export interface QrCodeProps extends BaseProps {
  text: string
}

/** What the alphanumeric mode holds (digits, capitals and a few signs): such a text is given to qrcode as it is. */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/

/**
 * The QR code of `text` as an SVG drawn from the module matrix: an <Image> in both weapp and h5, no canvas. A text
 * beyond the alphanumeric mode (a points card's token has small letters) goes in as bytes made here, since qrcode
 * would make them with TextEncoder, which old WeChat base libraries lack.
 */
export function qrSvg(text: string): string {
  const qr = create(ALPHANUMERIC.test(text) ? text : [{ data: utf8Encode(text), mode: 'byte' }], { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const quiet = 4
  const full = n + quiet * 2
  let path = ''
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) if (qr.modules.get(x, y)) path += `M${x + quiet} ${y + quiet}h1v1h-1z`
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges"><rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
}

export function QrCode({ text, className, testId = 'qr-code' }: QrCodeProps) {
  const src = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg(text))}`, [text])
  return <Image src={src} className={`sz-qr ${className ?? ''}`} data-testid={testId} data-text={text} />
}

export default QrCode
