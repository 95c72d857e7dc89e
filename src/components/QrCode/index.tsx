import { useMemo } from 'react'
import { Image } from '@tarojs/components'
import { create } from 'qrcode/lib/core/qrcode'
import './index.scss'
import type { BaseProps } from '../types'

export interface QrCodeProps extends BaseProps {
  text: string
}

/** The QR code of `text` (up to the alphanumeric mode: an invite code needs no TextEncoder, which old WeChat lacks) as an SVG drawn from the module matrix: an <Image> in both weapp and h5, no canvas. */
export function qrSvg(text: string): string {
  const qr = create(text, { errorCorrectionLevel: 'M' })
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
