/**
 * The server's one source of "now". Business dates are Asia/Shanghai calendar dates.
 * Tests move time with `advance`; demos start on another day with APP_TODAY.
 */
export class Clock {
  private offsetMs = 0;

  /** With `today` (YYYY-MM-DD), now() is that Shanghai date at the current Shanghai time of day. */
  constructor(today?: string) {
    if (today) {
      const real = new Date();
      const target = new Date(`${today}T${shanghaiTimeOfDay(real)}+08:00`);
      this.offsetMs = target.getTime() - real.getTime();
    }
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Today's date in Shanghai, YYYY-MM-DD. */
  today(): string {
    return shanghaiDate(this.now());
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China has no daylight saving time.

export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The moment in Shanghai to the minute, as documents print it: 2024-10-17 15:01. */
export function shanghaiMinute(d: Date): string {
  const iso = new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function shanghaiTimeOfDay(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 23);
}
