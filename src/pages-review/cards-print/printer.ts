/**
 * Printing, per platform: the mini-program cannot print, so it shows the cards without a button. The h5 build resolves
 * `./printer` to printer.h5.ts instead (Taro's platform files), which brings the A4 print stylesheet of the cards.
 */
export const canPrint = false

export function printPage(): void {}
