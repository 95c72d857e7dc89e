// Draws the four tab bar icons (inactive grey, active green) as 81×81 PNGs into src/assets/tabbar/.
// No network and no image library: a few stroked shapes on a 24-unit grid, 4×4 supersampled, and a tiny PNG encoder.
// Run again after changing a shape: node --import tsx scripts/tab-icons.mjs
import { encodePng } from './png.ts'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SIZE = 81
const GRID = 24
const STROKE = 1.9 // in grid units
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tabbar')
const COLORS = { inactive: [0x7a, 0x7e, 0x83], active: [0x07, 0xc1, 0x60] }

const line = (...pts) => ({ type: 'line', pts })
const ring = (cx, cy, r) => ({ type: 'ring', cx, cy, r })
const rect = (x0, y0, x1, y1) => line([x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0])
const arc = (cx, cy, r, from, to, steps = 24) =>
  line(...Array.from({ length: steps + 1 }, (_, i) => {
    const a = from + ((to - from) * i) / steps
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)]
  }))

const ICONS = {
  // 首页: a house with a door
  home: [line([2.5, 11.5], [12, 3], [21.5, 11.5]), line([5, 9.5], [5, 21], [19, 21], [19, 9.5]), line([10, 21], [10, 15], [14, 15], [14, 21])],
  // 申报: a form with lines of writing
  claim: [rect(4.5, 2.5, 19.5, 21.5), line([8, 8], [16, 8]), line([8, 12], [16, 12]), line([8, 16], [12.5, 16])],
  // 兑换: a gift box
  shop: [rect(4, 11, 20, 21.5), rect(2.5, 7, 21.5, 11), line([12, 7], [12, 21.5]), ring(9.3, 4.6, 2.2), ring(14.7, 4.6, 2.2)],
  // 我的: a person
  me: [ring(12, 8, 4.3), arc(12, 21.5, 8, Math.PI, 2 * Math.PI)],
}

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

function inked(shapes, x, y) {
  for (const s of shapes) {
    if (s.type === 'ring' && Math.abs(Math.hypot(x - s.cx, y - s.cy) - s.r) <= STROKE / 2) return true
    if (s.type === 'line') {
      for (let i = 1; i < s.pts.length; i++) if (segmentDistance(x, y, s.pts[i - 1], s.pts[i]) <= STROKE / 2) return true
    }
  }
  return false
}

function render(shapes, [r, g, b]) {
  const rgba = Buffer.alloc(SIZE * SIZE * 4)
  const n = 4
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = ((px + (sx + 0.5) / n) / SIZE) * GRID
          const y = ((py + (sy + 0.5) / n) / SIZE) * GRID
          if (inked(shapes, x, y)) hits++
        }
      }
      const o = (py * SIZE + px) * 4
      rgba[o] = r
      rgba[o + 1] = g
      rgba[o + 2] = b
      rgba[o + 3] = Math.round((255 * hits) / (n * n))
    }
  }
  return rgba
}

const png = (rgba) => encodePng(SIZE, SIZE, rgba)

mkdirSync(OUT, { recursive: true })
for (const [name, shapes] of Object.entries(ICONS)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const file = join(OUT, state === 'active' ? `${name}-active.png` : `${name}.png`)
    const bytes = png(render(shapes, color))
    writeFileSync(file, bytes)
    console.log(`${file} ${bytes.length} B`)
  }
}
