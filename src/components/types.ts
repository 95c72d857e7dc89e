/** Props every component of ours accepts. */
export interface BaseProps {
  className?: string
  /** `data-testid` for the browser tests; each component has a sensible default. */
  testId?: string
}
