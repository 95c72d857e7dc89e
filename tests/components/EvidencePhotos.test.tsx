import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { EvidencePhotos } from '../../src/components'

describe('EvidencePhotos', () => {
  test('a tap opens the viewable photos full screen from the one tapped; one that cannot be shown says so', async () => {
    render(<EvidencePhotos urls={['https://x/1.png', '', 'https://x/3.png']} missing='检查中' testId='ev' />)
    expect(screen.getByTestId('ev').textContent).toBe('检查中')
    fireEvent.click(screen.getByTestId('ev-2'))
    // Taro's h5 preview: a full-screen swiper of the viewable photos (the one that cannot be shown is left out).
    await waitFor(() => expect([...document.querySelectorAll('.swiper-zoom-container img')].map((i) => i.getAttribute('src'))).toEqual(['https://x/1.png', 'https://x/3.png']))
  })

  test('nothing at all without photos', () => {
    const { container } = render(<EvidencePhotos urls={[]} />)
    expect(container.innerHTML).toBe('')
  })
})
