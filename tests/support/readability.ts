/**
 * Readability of a page as a 70-year-old holds the phone (issue 12), measured in Chromium on what the page shows:
 * - `font`: every visible text (and a field's value or placeholder) is at least 16 CSS px;
 * - `target`: every visible thing one taps (button, link, field, checkbox, anything with a click handler) is at least 44 × 44;
 * - `contrast`: every visible text against what is behind it is at least 4.5 : 1 (WCAG 2 relative luminance);
 * - `overflow`: nothing is wider than the screen (the document does not scroll sideways, no element passes its right edge);
 * - `english` / `raw-id`: no English word and no internal id (demo-…, rule-…, an openid, a long hex string) is shown;
 * - `code`: an invite code, read out or typed in, is on one line (split after its hyphen it reads as two codes).
 * Call `watchClickHandlers(page)` before the app starts, then `readabilityOffences`. What is tappable cannot be read off
 * the styles: in the h5 build a Taro <View onClick> gets no `cursor: pointer` (and no role); Taro's React wrapper
 * (reactify-wc) attaches the handler with addEventListener, which watchClickHandlers notes as the page starts; React's
 * own onClick (NutUI's elements) is read from the element's React props.
 *
 * The exemptions, each kept short and for a reason, are in EXEMPT below. No exemption is made for a link inside a
 * sentence: the app has none (its links are rows or buttons), so every target is measured whole.
 */
import type { Page } from 'playwright-core'

export type Rule = 'font' | 'target' | 'contrast' | 'overflow' | 'english' | 'raw-id' | 'code'

export interface Offence {
  rule: Rule
  /** Where: the nearest test id and the element's tag and classes. */
  selector: string
  /** What it says (cut to 40 characters). */
  text: string
  /** What was measured, e.g. `14px`, `40×32`, `3.2:1 (#999999 on #ffffff)`, `right 352 > 320`, `"Excel"`. */
  value: string
}

export interface Limits {
  minFont: number
  minTarget: number
  minContrast: number
  /** Words that may be shown: names people know in that spelling. */
  allowWords: string[]
  /** Selectors whose text and descendants are exempt from a rule. */
  exempt: Partial<Record<Rule, string[]>>
  /** Codes that must stay on one line. */
  codes: string[]
}

// 邀请码 (a resident's, a shop clerk's): eight letters and digits a person reads out or types in.
const INVITE_CODES = ['[data-testid="invite-code"]', '[data-testid="clerk-invite-code"]']

/**
 * The exemptions. Short on purpose: each is something a person needs in that form, or that WCAG itself exempts.
 */
export const EXEMPT: Limits['exempt'] = {
  // The tab bar's labels sit under their icons (as in WeChat), which carry the meaning; the issue allows them.
  font: ['[data-testid="tab-bar"]'],
  // A disabled control (灰色的「提交」) is not meant to be read as live: WCAG 1.4.3 exempts inactive components.
  contrast: ['[disabled]', '[aria-disabled="true"]', '.nut-button-disabled'],
  // Codes a person reads out or types in (邀请码, 券码): they are made of letters and digits on purpose.
  // 加入社区's code field shows what a code looks like (例如 K7QM-3XPA).
  english: [...INVITE_CODES, '[data-testid="voucher-code"]', '[data-testid="join-code"]'],
  'raw-id': [...INVITE_CODES, '[data-testid="voucher-code"]', '[data-testid="join-code"]'],
}

export const LIMITS: Limits = {
  minFont: 16,
  minTarget: 44,
  minContrast: 4.5,
  // Excel: the file people open (导出 Excel); PDF: what the browser's print window calls 另存为 PDF. (QR is not used: 二维码 is.)
  allowWords: ['Excel', 'PDF'],
  exempt: EXEMPT,
  // The 16-digit 券码 is not here: it breaks between its groups of four on purpose.
  codes: INVITE_CODES,
}

/**
 * 大字模式（长辈模式） (issue 15): the same rules and exemptions, with body text at least 20 CSS px (buttons are measured
 * by tests/e2e/elder.e2e.test.ts: at least 56 high).
 */
export const ELDER_LIMITS: Limits = { ...LIMITS, minFont: 20 }

/** Notes every element that gets a click (or tap) listener, before any script of the page runs. */
export async function watchClickHandlers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const marked = new WeakSet<EventTarget>()
    ;(window as unknown as { __clickTargets: WeakSet<EventTarget> }).__clickTargets = marked
    const add = EventTarget.prototype.addEventListener
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
      if (type === 'click' || type === 'tap') marked.add(this)
      return (add as (...a: unknown[]) => void).call(this, type, ...rest)
    } as typeof add
  })
}

/**
 * Everything on `page` now that breaks a rule (empty when it reads well). `within` (a selector) measures only that part,
 * e.g. an open sheet over a page that was measured before; the sideways check is always the whole document's.
 */
export async function readabilityOffences(page: Page, within?: string, limits: Limits = LIMITS): Promise<Offence[]> {
  return page.evaluate(audit, { limits, within: within ?? 'body' })
}

/** One line per offence, headed by where: enough to find and fix each. */
export function describeOffences(where: string, offences: Offence[]): string {
  return offences.map((o) => `${where} — ${o.rule}: ${o.selector} "${o.text}" ${o.value}`).join('\n')
}

/** Runs inside the page: self-contained, no closure over this module. */
function audit({ limits, within }: { limits: Limits; within: string }): Offence[] {
  const out: Offence[] = []
  const scope = document.querySelector(within)
  if (!scope) throw new Error(`nothing matches ${within}`)
  const width = document.documentElement.clientWidth
  const exempt = (el: Element, rule: Rule) => (limits.exempt[rule] ?? []).some((s) => el.closest(s))
  const describe = (el: Element) => {
    const tid = el.closest('[data-testid]')?.getAttribute('data-testid')
    const own = el.tagName.toLowerCase() + [...el.classList].slice(0, 2).map((c) => `.${c}`).join('')
    return tid ? `[data-testid=${tid}] ${own}` : own
  }
  const words = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 40)
  const shown = (el: Element) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0
  }

  // Colours: [r, g, b, a] from a computed `rgb(…)` / `rgba(…)`; null for anything else.
  type Rgba = [number, number, number, number]
  const parse = (c: string): Rgba | null => {
    const m = c.match(/rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/)
    if (!m) return null
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4])
    return [+m[1], +m[2], +m[3], a]
  }
  const over = (top: Rgba, below: Rgba, alpha = top[3]): Rgba => [0, 1, 2].map((i) => top[i] * alpha + below[i] * (1 - alpha)).concat(1) as Rgba
  const luminance = (c: Rgba) => {
    const [r, g, b] = [0, 1, 2].map((i) => {
      const v = c[i] / 255
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const ratio = (a: Rgba, b: Rgba) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p)
    return (x + 0.05) / (y + 0.05)
  }
  const hex = (c: Rgba) => '#' + [0, 1, 2].map((i) => Math.round(c[i]).toString(16).padStart(2, '0')).join('')
  // What is behind `el`: its own and its ancestors' background colours, composed down to the first opaque one (white
  // when none is); an ancestor placed elsewhere (the text is positioned outside its box) is not behind it. A gradient
  // counts as each of its colour stops (the worst decides); a picture cannot be judged: null.
  const backgrounds = (el: Element): Rgba[] | null => {
    const layers: Rgba[] = []
    let bases: Rgba[] = [[255, 255, 255, 1]]
    const box = el.getBoundingClientRect()
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2]
    for (let e: Element | null = el; e; e = e.parentElement) {
      const r = e.getBoundingClientRect()
      if (e !== document.documentElement && e !== document.body && (x < r.left || x > r.right || y < r.top || y > r.bottom)) continue
      const cs = getComputedStyle(e)
      if (cs.backgroundImage && cs.backgroundImage !== 'none') {
        if (cs.backgroundImage.includes('url(')) return null
        const stops = (cs.backgroundImage.match(/rgba?\([^)]*\)/g) ?? []).map(parse).filter((s): s is Rgba => s !== null)
        if (stops.length) {
          bases = stops.map((s) => over(s, [255, 255, 255, 1]))
          break
        }
      }
      const bg = parse(cs.backgroundColor)
      if (bg && bg[3] > 0) {
        if (bg[3] >= 1) {
          bases = [bg]
          break
        }
        layers.push(bg)
      }
    }
    return bases.map((base) => layers.reduceRight((below, layer) => over(layer, below), base))
  }
  const opacity = (el: Element) => {
    let o = 1
    for (let e: Element | null = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity)
    return o
  }

  // The texts shown: each element with its own visible text; fields with their value or placeholder.
  const texts: { el: Element; text: string; color: string; fontSize: string }[] = []
  const own = new Map<Element, string>()
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = (n.textContent ?? '').replace(/\s+/g, ' ').trim()
    const el = n.parentElement
    if (!t || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue
    const range = document.createRange()
    range.selectNodeContents(n)
    if (![...range.getClientRects()].some((r) => r.width > 0 && r.height > 0) || !shown(el)) continue
    own.set(el, `${own.get(el) ?? ''} ${t}`.trim())
  }
  for (const [el, text] of own) {
    const cs = getComputedStyle(el)
    texts.push({ el, text, color: cs.color, fontSize: cs.fontSize })
  }
  for (const field of scope.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
    if (!shown(field) || ['hidden', 'file', 'checkbox', 'radio'].includes(field.type)) continue
    const cs = getComputedStyle(field)
    if (field.value) texts.push({ el: field, text: field.value, color: cs.color, fontSize: cs.fontSize })
    else if (field.placeholder) texts.push({ el: field, text: field.placeholder, color: getComputedStyle(field, '::placeholder').color, fontSize: cs.fontSize })
  }

  const allowed = new Set(limits.allowWords.map((w) => w.toLowerCase()))
  const ids = [/demo-[\w-]+/, /\b(?:rule|cat|offer|claim|voucher|listing|objection)-[\w-]+/, /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/i, /\bo[\w-]{20,}\b/]
  for (const { el, text, color, fontSize } of texts) {
    const at = { selector: describe(el), text: words(text) }
    const size = parseFloat(fontSize)
    if (size < limits.minFont - 0.01 && !exempt(el, 'font')) out.push({ rule: 'font', ...at, value: `${size}px` })
    const fg = parse(color)
    const behind = fg && !exempt(el, 'contrast') ? backgrounds(el) : null
    if (fg && behind) {
      const alpha = fg[3] * opacity(el)
      const worst = behind.map((bg) => ({ bg, r: ratio(over(fg, bg, alpha), bg) })).sort((a, b) => a.r - b.r)[0]
      if (worst.r < limits.minContrast - 0.005) out.push({ rule: 'contrast', ...at, value: `${worst.r.toFixed(2)}:1 (${hex(over(fg, worst.bg, alpha))} on ${hex(worst.bg)})` })
    }
    const english = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !allowed.has(w.toLowerCase()))
    if (english.length && !exempt(el, 'english')) out.push({ rule: 'english', ...at, value: english.map((w) => `"${w}"`).join(' ') })
    const id = ids.map((re) => text.match(re)?.[0]).find(Boolean)
    if (id && !exempt(el, 'raw-id')) out.push({ rule: 'raw-id', ...at, value: `"${id}"` })
  }

  // Codes on one line: the distinct line tops of their text.
  for (const el of scope.querySelectorAll(limits.codes.join(', ') || 'none')) {
    if (!shown(el)) continue
    const range = document.createRange()
    range.selectNodeContents(el)
    const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size
    if (lines > 1) out.push({ rule: 'code', selector: describe(el), text: words(el.textContent ?? ''), value: `${lines} lines` })
  }

  // What one taps: controls, and elements with a click listener (Taro's components, noted by watchClickHandlers) or a
  // React onClick (NutUI's). The page's root containers listen for every click on behalf of React: not targets.
  const noted = (window as unknown as { __clickTargets?: WeakSet<EventTarget> }).__clickTargets
  const roots = new Set<Element | null>([document.documentElement, document.body, document.getElementById('app')])
  const handles = (el: Element) => {
    if (noted?.has(el)) return true
    for (const key of Object.keys(el)) {
      if (!key.startsWith('__reactProps$')) continue
      const props = (el as unknown as Record<string, Record<string, unknown>>)[key]
      return typeof props?.onClick === 'function' || typeof props?.onTap === 'function'
    }
    return false
  }
  const control = 'button, a[href], input:not([type="hidden"]), textarea, select, [role="button"], [role="tab"], [role="checkbox"], [role="radio"]'
  for (const el of scope.querySelectorAll('*')) {
    if (roots.has(el) || el.closest('.taro_page') === el || !(el.matches(control) || handles(el)) || !shown(el)) continue
    const r = el.getBoundingClientRect()
    if (r.width < limits.minTarget - 0.5 || r.height < limits.minTarget - 0.5) {
      out.push({ rule: 'target', selector: describe(el), text: words((el as HTMLElement).innerText || (el as HTMLInputElement).placeholder || ''), value: `${Math.round(r.width)}×${Math.round(r.height)}` })
    }
  }

  // Sideways: the document, then each element past the right edge (not inside something that scrolls or clips it),
  // only the outermost of a nest.
  const scrollWidth = document.documentElement.scrollWidth
  if (scrollWidth > width) out.push({ rule: 'overflow', selector: 'html', text: '', value: `scrollWidth ${scrollWidth} > ${width}` })
  const contained = (el: Element) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const ox = getComputedStyle(e).overflowX
      if (ox !== 'visible') return true
    }
    return false
  }
  const past = new Set<Element>()
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect()
    if (r.right <= width + 0.5 && r.left >= -0.5) continue
    if (!shown(el) || contained(el) || (el.parentElement && past.has(el.parentElement))) {
      if (r.width > 0) past.add(el)
      continue
    }
    past.add(el)
    out.push({ rule: 'overflow', selector: describe(el), text: words((el as HTMLElement).innerText ?? ''), value: `left ${Math.round(r.left)} right ${Math.round(r.right)} > ${width}` })
  }
  return out
}
