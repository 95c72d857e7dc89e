import { screen, waitFor } from '@testing-library/react'

/** The classes of an element, for exact comparisons. */
export const classes = (el: Element): string[] => el.className.split(/\s+/).filter(Boolean)

/** The words of the first element under `el` that matches `selector`, or null when there is none. */
export const textOf = (el: Element, selector: string): string | null => el.querySelector(selector)?.textContent ?? null

/** The real <input> or <textarea> inside a Taro Input / Textarea, once its custom element has drawn it. */
export async function control(testId: string): Promise<HTMLInputElement | HTMLTextAreaElement> {
  return waitFor(() => {
    const el = screen.getByTestId(testId).querySelector('input, textarea')
    if (!el) throw new Error(`${testId} has no input yet`)
    return el as HTMLInputElement | HTMLTextAreaElement
  })
}
