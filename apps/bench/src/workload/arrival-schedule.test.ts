import { describe, expect, it } from 'vitest'
import { burst, createArrivalSchedule, seededRandom } from './arrival-schedule'

describe('seededRandom', () => {
  it('repeats for the same seed', () => {
    const first = seededRandom(7)
    const second = seededRandom(7)
    expect([first(), first(), first()]).toEqual([second(), second(), second()])
  })

  it('stays in [0, 1)', () => {
    const random = seededRandom(1)
    for (let index = 0; index < 1000; index += 1) {
      const value = random()
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThan(1)
    }
  })
})

describe('createArrivalSchedule', () => {
  it('starts a burst at once without pauses', () => {
    const schedule = createArrivalSchedule(burst, 3, 2, 1)
    expect(schedule.startOffsetsMs).toEqual([0, 0, 0])
    expect(schedule.thinkMs).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ])
  })

  it('keeps offsets and pauses inside their ranges', () => {
    const schedule = createArrivalSchedule({ spreadMs: 1000, thinkMs: [200, 800] }, 50, 4, 3)
    for (const offset of schedule.startOffsetsMs) {
      expect(offset).toBeGreaterThanOrEqual(0)
      expect(offset).toBeLessThanOrEqual(1000)
    }
    for (const pauses of schedule.thinkMs) {
      expect(pauses[0]).toBe(0)
      for (const pause of pauses.slice(1)) {
        expect(pause).toBeGreaterThanOrEqual(200)
        expect(pause).toBeLessThanOrEqual(800)
      }
    }
  })

  it('gives every mode the same schedule for one seed', () => {
    const pattern = { spreadMs: 500, thinkMs: [10, 20] as const }
    expect(createArrivalSchedule(pattern, 5, 3, 9)).toEqual(createArrivalSchedule(pattern, 5, 3, 9))
  })

  it('rejects a range whose minimum exceeds its maximum', () => {
    expect(() => createArrivalSchedule({ spreadMs: 0, thinkMs: [5, 1] }, 1, 1, 1)).toThrow(/thinkMs=\[5, 1\]/)
  })
})
