/**
 * The app's colors, one meaning each, installed as Quasar's brand colors (main.ts). Components name
 * the meaning (`color="negative"`, `notify({ type: 'positive' })`), never a hue, so red means an
 * error or a destructive action and nothing else. Every color carries white text and reads as text
 * on white and on the page background (4.5:1, WCAG AA: theme.spec.ts).
 */
export const brandColors = {
  /** Actions, links, the current page, charts. */
  primary: '#1f5fa6',
  /** The header and the side menu. */
  secondary: '#2f4050',
  /** The union red: the logo, the login page and the header's rule. Identity, never a state. */
  accent: '#b3262d',
  /** Done, saved, active. */
  positive: '#2e7d32',
  /** Failed, refused, destructive. */
  negative: '#c62828',
  /** Needs a look: to confirm, will be ignored. */
  warning: '#a15c00',
  /** A neutral note. */
  info: '#1e6f8c',
} as const;

export type BrandColor = keyof typeof brandColors;

/** The page background (app.css), which text in a brand color must also read on. */
export const PAGE_BACKGROUND = '#f3f3f4';
