import type { WindowState } from '../../gql/graphql';
import type { BrandColor } from '../../theme/colors';

type Tone = BrandColor | 'grey-7';

/** 保障金额调整时间: open now (green), not yet (a neutral note), over (grey). */
export const WINDOW_STATE_TONES = {
  BEFORE: 'info',
  OPEN: 'positive',
  AFTER: 'grey-7',
} as const satisfies Record<WindowState, Tone>;

/** A district's split: its own (已调整) or the plan's defaults (默认). */
export function splitTone(custom: boolean): Tone {
  return custom ? 'info' : 'grey-7';
}
