/** The matrix builder of the `qrcode` package alone: no canvas, no Node (the same `create` as `import QRCode from 'qrcode'`). */
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions, QRCodeSegment } from 'qrcode'
  /** A text, or segments (a byte segment's data given as bytes, so that qrcode needs no TextEncoder). */
  export function create(text: string | QRCodeSegment[], options?: QRCodeOptions): QRCode
}
