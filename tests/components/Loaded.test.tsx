import { fireEvent, render, screen } from '@testing-library/react'
import { ApiError } from '../../src/api'
import { Loaded, PageState, type ApiState, type LoadedProps } from '../../src/components'

interface Person {
  name: string
}

const page = (state: ApiState<Person>, extra: Pick<LoadedProps<Person>, 'bare' | 'refusals'> = {}) => {
  const reload = jest.fn()
  const view = render(
    <Loaded<Person> state={state} reload={reload} {...extra}>
      {(data) => <span data-testid='page'>{data.name}</span>}
    </Loaded>,
  )
  return { reload, ...view }
}

describe('Loaded', () => {
  test('the page once its data is there', () => {
    page({ status: 'ready', data: { name: '张秀英' } })
    expect(screen.getByTestId('page').textContent).toBe('张秀英')
  })

  test('正在加载… in a page of its own', () => {
    const { container } = page({ status: 'loading' })
    expect(screen.getByTestId('page-loading')).toBeTruthy()
    expect(container.firstElementChild?.className).toBe('sz-page')
    expect(screen.queryByTestId('page')).toBeNull()
  })

  test('an error says why, and 重试 loads again', () => {
    const { reload } = page({ status: 'error', error: new ApiError('NETWORK.FAILED') })
    expect(screen.getByTestId('page-error').textContent).toContain(new ApiError('NETWORK.FAILED').message)
    fireEvent.click(screen.getByTestId('page-retry'))
    expect(reload).toHaveBeenCalledTimes(1)
  })

  test('an unknown caller is asked to join, not shown an error', () => {
    page({ status: 'error', error: new ApiError('AUTH.UNAUTHENTICATED') })
    expect(screen.getByTestId('not-joined')).toBeTruthy()
    expect(screen.queryByTestId('page-error')).toBeNull()
  })

  test("a refusal the page words itself; bare leaves out the page's wrapper", () => {
    const { container } = page(
      { status: 'error', error: new ApiError('NOT_FOUND') },
      { bare: true, refusals: { NOT_FOUND: <PageState kind='empty' title='没有找到' testId='gone' /> } },
    )
    expect(screen.getByTestId('gone').textContent).toContain('没有找到')
    expect(container.firstElementChild).toBe(screen.getByTestId('gone'))
  })
})
