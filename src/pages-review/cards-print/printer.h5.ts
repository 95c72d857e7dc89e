/** h5: the browser prints the page; print.scss lays the cards out on A4 (only the h5 build takes it: @media print is no WXSS). */
import './print.scss'

export const canPrint = true

export function printPage(): void {
  window.print()
}
