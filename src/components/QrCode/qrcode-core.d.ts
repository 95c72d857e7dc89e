/** The matrix builder of the `qrcode` package alone: no canvas, no Node (the same `create` as `import QRCode from 'qrcode'`). */
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions } from 'qrcode'
  export function create(text: string, options?: QRCodeOptions): QRCode
}
